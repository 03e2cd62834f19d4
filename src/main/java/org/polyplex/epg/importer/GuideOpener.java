package org.polyplex.epg.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.net.ssl.SSLContext;

import org.polyplex.epg.EpgConfig;
import org.polyplex.platform.fetch.BlockingFetcher;
import org.polyplex.platform.fetch.FetchPolicy;
import org.polyplex.platform.fetch.FetchedBody;
import org.polyplex.platform.logging.Redaction;

/**
 * Opens a source's body: an http(s) URL through the platform's {@link BlockingFetcher}, or a file
 * under the local root, both under {@code polyplex.epg.download.*}: connect and read timeouts,
 * the deadline of the whole import, the download cap and the inflated-size cap (gzip is found by
 * its first bytes, whatever the name or content type says). Blocking: import threads only.
 */
final class GuideOpener implements AutoCloseable {

    /** Guide hosts redirect to a CDN or from http to https; more hops than this is a loop. */
    static final int MAX_REDIRECTS = 10;

    private final BlockingFetcher fetcher;
    private final Path localRoot;

    GuideOpener(EpgConfig config) {
        this(config, null);
    }

    /** @param tls whom to trust for https, or null for the JDK's default */
    GuideOpener(EpgConfig config, SSLContext tls) {
        this.fetcher = new BlockingFetcher(policy(config.download()), tls);
        this.localRoot = Path.of(config.localRoot()).toAbsolutePath().normalize();
    }

    static FetchPolicy policy(EpgConfig.Download limits) {
        return new FetchPolicy(limits.connectTimeout(), limits.readTimeout(), limits.timeout(),
                limits.maxSize().asLongValue(), limits.maxInflatedSize().asLongValue(), MAX_REDIRECTS, "Polyplex EPG");
    }

    /** The source's body; {@link FetchedBody#transferred()} counts raw bytes so far. */
    FetchedBody open(String url) throws IOException {
        return isHttp(url) ? fetcher.open(url) : fetcher.read(Files.newInputStream(localFile(url, localRoot)));
    }

    @Override
    public void close() {
        fetcher.close();
    }

    static boolean isHttp(String url) {
        String lower = url.toLowerCase();
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /**
     * The file a local source names, if it lies under the root once {@code ..} and symbolic links
     * are resolved; otherwise an {@link IOException} that says why.
     */
    static Path localFile(String url, Path root) throws IOException {
        Path path = Path.of(url).toAbsolutePath().normalize();
        if (!path.startsWith(root)) {
            throw new IOException("local sources must lie under " + root);
        }
        if (!Files.isRegularFile(path)) {
            throw new IOException("no such file: " + Redaction.url(url));
        }
        Path real = path.toRealPath();
        if (!real.startsWith(root.toRealPath())) {
            throw new IOException("local sources must lie under " + root);
        }
        return real;
    }
}
