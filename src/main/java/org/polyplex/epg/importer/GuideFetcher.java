package org.polyplex.epg.importer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.zip.GZIPInputStream;

import org.polyplex.epg.EpgConfig;
import org.polyplex.platform.logging.Redaction;

/**
 * Opens a source's body: an http(s) URL with connect, read and total timeouts, or a file under
 * the local root. Gzip is detected by its magic bytes, whatever the name or content type says,
 * and the inflated size is capped separately from the downloaded size.
 * Blocking: runs on import worker threads only.
 */
final class GuideFetcher {

    private final EpgConfig.Download limits;
    private final Path localRoot;
    private final Clock clock;

    GuideFetcher(EpgConfig config, Clock clock) {
        this.limits = config.download();
        this.localRoot = Path.of(config.localRoot()).toAbsolutePath().normalize();
        this.clock = clock;
    }

    /** An open body; {@link #downloaded()} counts raw bytes so far. */
    static final class Body implements AutoCloseable {
        private final LimitedInputStream raw;
        private final InputStream content;

        Body(LimitedInputStream raw, InputStream content) {
            this.raw = raw;
            this.content = content;
        }

        InputStream content() {
            return content;
        }

        long downloaded() {
            return raw.count();
        }

        @Override
        public void close() throws IOException {
            content.close();
        }
    }

    Body open(String url) throws IOException {
        Instant deadline = clock.instant().plus(limits.timeout());
        InputStream source = isHttp(url) ? http(url) : Files.newInputStream(localFile(url, localRoot));
        LimitedInputStream raw = new LimitedInputStream(source, limits.maxSize().asLongValue(), "download", clock,
                deadline);
        BufferedInputStream buffered = new BufferedInputStream(raw, 64 * 1024);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        if (first == 0x1f && second == 0x8b) {
            InputStream inflated = new GZIPInputStream(buffered, 64 * 1024);
            return new Body(raw, new BufferedInputStream(new LimitedInputStream(inflated,
                    limits.maxInflatedSize().asLongValue(), "inflated gzip content", clock, null), 64 * 1024));
        }
        return new Body(raw, buffered);
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

    /**
     * The URL as a {@link URI}, or an {@link IOException} that names it redacted: the JDK's own
     * message quotes the whole URL, user info and Xtream path or query credentials included.
     */
    static URI parse(String url) throws IOException {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new IOException("malformed source URL (" + e.getReason() + " at index " + e.getIndex() + "): "
                    + Redaction.url(url));
        }
    }

    private InputStream http(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) parse(url).toURL().openConnection();
        connection.setConnectTimeout((int) limits.connectTimeout().toMillis());
        connection.setReadTimeout((int) limits.readTimeout().toMillis());
        connection.setInstanceFollowRedirects(true);
        // Ask for gzip: the magic-byte check inflates it whatever the headers say.
        connection.setRequestProperty("Accept-Encoding", "gzip");
        connection.setRequestProperty("User-Agent", "Polyplex EPG");
        int status = connection.getResponseCode();
        if (status != 200) {
            connection.disconnect();
            throw new IOException("HTTP " + status + " from the source");
        }
        return connection.getInputStream();
    }
}
