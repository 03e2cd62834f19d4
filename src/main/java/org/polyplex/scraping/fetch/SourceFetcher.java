package org.polyplex.scraping.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.platform.logging.Redaction;
import org.polyplex.scraping.ScrapeFailure;
import org.polyplex.scraping.ScrapingConfig;

/**
 * Blocking HTTP GET for scrapers, on worker threads only (scheduler, REST worker): connect
 * timeout, one deadline for the whole response, a cap on the decoded body, gzip, a limited number
 * of redirects that must stay on http(s), and our User-Agent. Failures are {@link ScrapeFailure}s
 * whose messages carry no credentials.
 */
@ApplicationScoped
public class SourceFetcher {

    private final ScrapingConfig.Fetch config;
    private final HttpClient client;
    private final DestinationGuard guard;
    // closes a response stream at its deadline: a stalled body read otherwise blocks forever
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scrape-fetch-deadline");
        t.setDaemon(true);
        return t;
    });

    SourceFetcher(ScrapingConfig config) {
        this.config = config.fetch();
        this.guard = new DestinationGuard(config.ssrf());
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(this.config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @PreDestroy
    void stop() {
        deadlines.shutdownNow();
    }

    /** A check for one run whose configured source URL is {@code sourceUrl}: its host is trusted. */
    public DestinationGuard.Check check(String sourceUrl) {
        return guard.check(DestinationGuard.host(sourceUrl));
    }

    /** Fetches a URL an admin configured: its host is trusted, redirects elsewhere are checked. */
    public Fetched get(String url) {
        return get(url, check(url));
    }

    /** Fetches a URL; the URL and every redirect must pass {@code check} (scraped links). */
    public Fetched get(String url, DestinationGuard.Check check) {
        long deadline = System.nanoTime() + config.timeout().toNanos();
        URI uri = checkedUri(url);
        for (int redirects = 0;; redirects++) {
            String refusal = check.refusal(uri.toString());
            if (refusal != null) {
                throw new ScrapeFailure("refused " + Redaction.url(uri.toString()) + ": " + refusal);
            }
            HttpResponse<InputStream> response = send(uri, deadline);
            int status = response.statusCode();
            if (status >= 300 && status < 400 && response.headers().firstValue("location").isPresent()) {
                close(response.body());
                if (redirects >= config.maxRedirects()) {
                    throw new ScrapeFailure("too many redirects (more than " + config.maxRedirects() + ")");
                }
                uri = checkedUri(redirectTarget(uri, response.headers().firstValue("location").get()));
                continue;
            }
            if (status != 200) {
                close(response.body());
                throw new ScrapeFailure("HTTP " + status + " from " + Redaction.url(uri.toString()));
            }
            String contentType = response.headers().firstValue("content-type").orElse(null);
            boolean gzip = response.headers().firstValue("content-encoding")
                    .map(e -> e.toLowerCase(Locale.ROOT).contains("gzip"))
                    .orElse(false);
            return new Fetched(read(response.body(), gzip, deadline), contentType, uri.toString());
        }
    }

    private HttpResponse<InputStream> send(URI uri, long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new ScrapeFailure("timed out after " + config.timeout().toSeconds() + "s");
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofNanos(left))
                .header("User-Agent", config.userAgent())
                .header("Accept-Encoding", "gzip")
                .header("Accept", "*/*")
                .GET().build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new ScrapeFailure("timed out waiting for " + Redaction.url(uri.toString()));
        } catch (IOException e) {
            throw new ScrapeFailure("cannot fetch " + Redaction.url(uri.toString()) + ": " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScrapeFailure("interrupted");
        }
    }

    private byte[] read(InputStream raw, boolean gzip, long deadline) {
        long max = config.maxBodySize().asLongValue();
        AtomicBoolean expired = new AtomicBoolean();
        var timer = deadlines.schedule(() -> {
            expired.set(true);
            close(raw);
        }, Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        try (InputStream in = gzip ? new GZIPInputStream(raw, 64 * 1024) : raw) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > max) {
                    throw new ScrapeFailure(
                            "response is larger than " + max + " bytes (polyplex.scraping.fetch.max-body-size)");
                }
                out.write(buffer, 0, n);
            }
            if (expired.get()) {
                throw new ScrapeFailure("timed out after " + config.timeout().toSeconds() + "s reading the body");
            }
            return out.toByteArray();
        } catch (IOException e) {
            if (expired.get()) {
                throw new ScrapeFailure("timed out after " + config.timeout().toSeconds() + "s reading the body");
            }
            throw new ScrapeFailure("cannot read the response: " + describe(e));
        } finally {
            timer.cancel(false);
            close(raw);
        }
    }

    /** Where a redirect points; {@code URI.resolve} would put the whole location, credentials and all, in its message. */
    private static String redirectTarget(URI from, String location) {
        try {
            return from.resolve(new URI(location.strip())).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new ScrapeFailure("the server redirected to an invalid URL");
        }
    }

    private static URI checkedUri(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new ScrapeFailure("not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new ScrapeFailure("only http and https URLs are fetched");
        }
        return uri;
    }

    private static String describe(IOException e) {
        return Redaction.message(e);
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
