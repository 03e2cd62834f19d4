package org.polyplex.platform.fetch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import javax.net.ssl.SSLContext;

import org.polyplex.platform.fetch.FetchException.Kind;
import org.polyplex.platform.logging.Redaction;

/**
 * The one blocking HTTP GET of the control plane (guide downloads, scrapers), for worker threads
 * only, never the event loop. Every fetch is bounded by its {@link FetchPolicy}: connect
 * timeout, read timeout, one deadline for the whole fetch, a cap on the bytes transferred and
 * one on the decoded body. Redirects are followed by hand, a bounded number of times: to http or
 * https only, never from https down to http, and each target is put to the
 * {@link DestinationPolicy} before anything connects to it. Gzip is recognised by its first
 * bytes whatever the headers say, and decoded. The body is a stream: a guide of gigabytes is
 * never held whole. Failures are {@link FetchException}s with redacted messages.
 */
public final class BlockingFetcher implements AutoCloseable {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int BUFFER = 64 * 1024;

    private final FetchPolicy policy;
    private final HttpClient client;
    private final ScheduledThreadPoolExecutor watchdog;

    public BlockingFetcher(FetchPolicy policy) {
        this(policy, null);
    }

    /** @param tls the TLS context to trust servers with, or null for the JDK's default */
    public BlockingFetcher(FetchPolicy policy, SSLContext tls) {
        this.policy = policy;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(policy.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.client = builder.build();
        // one daemon thread closes what stalls or overruns, for every body of this fetcher
        this.watchdog = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "fetch-watchdog");
            t.setDaemon(true);
            return t;
        });
        this.watchdog.setRemoveOnCancelPolicy(true);
    }

    /** GETs an http(s) URL, to any destination. */
    public FetchedBody open(String url) throws FetchException {
        return open(url, DestinationPolicy.ANY);
    }

    /** GETs an http(s) URL; the URL and every redirect target must pass {@code destinations}. */
    public FetchedBody open(String url, DestinationPolicy destinations) throws FetchException {
        long deadline = System.nanoTime() + policy.deadline().toNanos();
        URI uri = checked(parse(url));
        for (int redirects = 0;; redirects++) {
            String refusal = destinations.refusal(uri);
            if (refusal != null) {
                throw new FetchException(Kind.REFUSED, "refused " + Redaction.url(uri.toString()) + ": " + refusal);
            }
            HttpResponse<InputStream> response = send(uri, deadline);
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("location");
            if (REDIRECTS.contains(status) && location.isPresent()) {
                quietlyClose(response.body());
                if (redirects >= policy.maxRedirects()) {
                    throw new FetchException(Kind.TOO_MANY_REDIRECTS,
                            "too many redirects (more than " + policy.maxRedirects() + ")");
                }
                uri = redirectTarget(uri, location.get());
                continue;
            }
            if (status != 200) {
                quietlyClose(response.body());
                throw new FetchException(Kind.HTTP_STATUS, status, "HTTP " + status + " from " + Redaction.url(uri.toString()));
            }
            return body(response.body(), deadline, uri, response.headers().firstValue("content-type").orElse(null));
        }
    }

    /**
     * A body that did not come over HTTP (a local file) under the same bounds: deadline, size
     * caps, gzip by its first bytes. Closes {@code source} when the body is closed.
     */
    public FetchedBody read(InputStream source) throws FetchException {
        return body(source, System.nanoTime() + policy.deadline().toNanos(), null, null);
    }

    /** Stops the watchdog; bodies still open are no longer watched. */
    @Override
    public void close() {
        watchdog.shutdownNow();
    }

    private FetchedBody body(InputStream source, long deadline, URI uri, String contentType) throws FetchException {
        WatchedStream raw = new WatchedStream(source, deadline, policy.readTimeout().toNanos(),
                "download took longer than the configured timeout (" + policy.deadline() + ")",
                "Read timed out (no data for " + policy.readTimeout().toMillis() + " ms)");
        long period = Math.max(10, Math.min(500, Math.min(policy.readTimeout().toMillis(), policy.deadline().toMillis()) / 8));
        ScheduledFuture<?> tick = watchdog.scheduleWithFixedDelay(() -> raw.check(System.nanoTime()), period, period,
                TimeUnit.MILLISECONDS);
        try {
            BufferedInputStream buffered = new BufferedInputStream(
                    new CappedStream(raw, policy.maxTransferBytes(), "download"), BUFFER);
            buffered.mark(2);
            int first = buffered.read();
            int second = buffered.read();
            buffered.reset();
            boolean gzip = first == 0x1f && second == 0x8b;
            InputStream decoded = gzip ? new GZIPInputStream(buffered, BUFFER) : buffered;
            InputStream content = new CappedStream(decoded, policy.maxBodyBytes(),
                    gzip ? "inflated gzip content" : "body");
            return new FetchedBody(gzip ? new BufferedInputStream(content, BUFFER) : content, raw, gzip, uri,
                    contentType, () -> tick.cancel(false));
        } catch (IOException e) {
            tick.cancel(false);
            quietlyClose(raw);
            throw e instanceof FetchException fetch ? fetch
                    : new FetchException(Kind.IO, "cannot read the body: "
                            + Redaction.message(e));
        }
    }

    private HttpResponse<InputStream> send(URI uri, long deadline) throws FetchException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new FetchException(Kind.TIMEOUT, "download took longer than the configured timeout ("
                    + policy.deadline() + ")");
        }
        // headers must come within a read timeout of the connection, as body bytes must
        Duration wait = Duration.ofNanos(Math.min(left, policy.connectTimeout().plus(policy.readTimeout()).toNanos()));
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(uri).timeout(wait)
                    .header("User-Agent", policy.userAgent())
                    .header("Accept-Encoding", "gzip")
                    .header("Accept", "*/*")
                    .GET().build();
        } catch (IllegalArgumentException e) {
            // its message quotes the whole URL
            throw new FetchException(Kind.INVALID_URL, "cannot request " + Redaction.url(uri.toString()));
        }
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new FetchException(Kind.TIMEOUT, "connect timed out: " + Redaction.url(uri.toString()));
        } catch (HttpTimeoutException e) {
            throw new FetchException(Kind.TIMEOUT, "Read timed out waiting for the answer of "
                    + Redaction.url(uri.toString()));
        } catch (IOException e) {
            throw new FetchException(Kind.IO, "cannot fetch " + Redaction.url(uri.toString()) + ": " + Redaction.message(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException(Kind.IO, "interrupted");
        }
    }

    /**
     * The URL as a {@link URI}, or a failure that names it redacted: the JDK's own message quotes
     * the whole URL, user info and Xtream path or query credentials included.
     */
    static URI parse(String url) throws FetchException {
        try {
            return new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new FetchException(Kind.INVALID_URL, "malformed source URL (" + e.getReason() + " at index "
                    + e.getIndex() + "): " + Redaction.url(url));
        }
    }

    /** Where a redirect points, if the policy follows it there. */
    private static URI redirectTarget(URI from, String location) throws FetchException {
        URI target;
        try {
            target = from.resolve(new URI(location.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            // URI.resolve would put the whole location, credentials and all, in its message
            throw new FetchException(Kind.INVALID_URL, "the server redirected to an invalid URL");
        }
        checked(target);
        if (from.getScheme().equalsIgnoreCase("https") && target.getScheme().equalsIgnoreCase("http")) {
            throw new FetchException(Kind.REFUSED, "refused a redirect from https down to http: "
                    + Redaction.url(target.toString()));
        }
        return target;
    }

    private static URI checked(URI uri) throws FetchException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new FetchException(Kind.INVALID_URL, "only http and https URLs with a host are fetched: "
                    + Redaction.url(uri.toString()));
        }
        return uri;
    }

    private static void quietlyClose(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
