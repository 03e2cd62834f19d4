package org.polyplex.scraping.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import org.polyplex.scraping.ScrapeFailure;
import org.polyplex.scraping.ScrapingConfig;
import org.polyplex.testsupport.TestConfigs;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fetcher against a loopback Vert.x server that misbehaves on purpose. */
class SourceFetcherTest {

    private static final long CAP = 1024 * 1024;
    private static Vertx vertx;
    private static HttpServer server;
    private static String base;
    private static SourceFetcher fetcher;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(req -> {
            HttpServerResponse res = req.response();
            String path = req.path();
            if (path.equals("/ok")) {
                res.putHeader("content-type", "audio/x-mpegurl").end("#EXTM3U\nua=" + req.getHeader("user-agent"));
            } else if (path.startsWith("/loop/")) {
                int n = Integer.parseInt(path.substring(6));
                res.setStatusCode(302).putHeader("location", "/loop/" + (n + 1)).end();
            } else if (path.equals("/hop")) {
                res.setStatusCode(301).putHeader("location", base + "/ok").end();
            } else if (path.equals("/to-file")) {
                res.setStatusCode(302).putHeader("location", "file:///etc/passwd").end();
            } else if (path.equals("/to-localhost")) {
                res.setStatusCode(302).putHeader("location", "http://localhost:" + server.actualPort() + "/ok").end();
            } else if (path.equals("/to-metadata")) {
                res.setStatusCode(302).putHeader("location", "http://169.254.169.254/latest/meta-data/").end();
            } else if (path.equals("/bad-location")) {
                res.setStatusCode(302)
                        .putHeader("location", "http://alice:secret@h.example/live/alice/secret/1.ts?password=pw2&x=|").end();
            } else if (path.equals("/gzip")) {
                res.putHeader("content-encoding", "gzip").end(Buffer.buffer(gzip("hello gzip")));
            } else if (path.equals("/gzip-bomb")) {
                res.putHeader("content-encoding", "gzip").end(Buffer.buffer(gzip("0".repeat((int) CAP * 4))));
            } else if (path.equals("/huge")) {
                res.putHeader("content-length", String.valueOf(2L * 1024 * 1024 * 1024));
                pump(res, 2L * 1024 * 1024 * 1024);
            } else if (path.equals("/stall")) {
                res.setChunked(true).write("#EXTM3U\n"); // and never ends
            } else {
                res.setStatusCode(404).end();
            }
        });
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        base = "http://127.0.0.1:" + server.actualPort();
        fetcher = new SourceFetcher(config(CAP, Duration.ofSeconds(2), 5));
    }

    @AfterAll
    static void stop() throws Exception {
        fetcher.stop();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void fetchesWithOurUserAgentAndFollowsARedirect() {
        Fetched fetched = fetcher.get(base + "/hop");

        assertThat(new String(fetched.body(), StandardCharsets.UTF_8)).isEqualTo("#EXTM3U\nua=Polyplex-test");
        assertThat(fetched.contentType()).isEqualTo("audio/x-mpegurl");
        assertThat(fetched.finalUrl()).isEqualTo(base + "/ok");
    }

    @Test
    void decodesGzip() {
        assertThat(new String(fetcher.get(base + "/gzip").body(), StandardCharsets.UTF_8)).isEqualTo("hello gzip");
    }

    @Test
    void capsTheDecodedSizeOfAGzipBomb() {
        assertThatThrownBy(() -> fetcher.get(base + "/gzip-bomb")).isInstanceOf(ScrapeFailure.class)
                .hasMessageStartingWith("response is larger than 1048576 bytes");
    }

    @Test
    void cutsATwoGigabyteResponseAtTheCap() {
        assertThatThrownBy(() -> fetcher.get(base + "/huge")).isInstanceOf(ScrapeFailure.class)
                .hasMessageStartingWith("response is larger than 1048576 bytes");
    }

    @Test
    void stopsEndlessRedirects() {
        assertThatThrownBy(() -> fetcher.get(base + "/loop/0")).isInstanceOf(ScrapeFailure.class)
                .hasMessage("too many redirects (more than 5)");
    }

    @Test
    void refusesRedirectsAndUrlsThatAreNotHttp() {
        assertThatThrownBy(() -> fetcher.get(base + "/to-file")).isInstanceOf(ScrapeFailure.class)
                .hasMessage("only http and https URLs are fetched");
        assertThatThrownBy(() -> fetcher.get("file:///etc/passwd")).isInstanceOf(ScrapeFailure.class)
                .hasMessage("only http and https URLs are fetched");
        assertThatThrownBy(() -> fetcher.get("javascript:alert(1)")).isInstanceOf(ScrapeFailure.class);
    }

    @Test
    void givesUpOnAStalledBodyAtTheDeadline() {
        assertThatThrownBy(() -> fetcher.get(base + "/stall")).isInstanceOf(ScrapeFailure.class)
                .hasMessageContaining("timed out");
    }

    @Test
    void reportsHttpErrorsWithoutCredentials() {
        assertThatThrownBy(() -> fetcher.get(base + "/missing?username=u&password=secret")).isInstanceOf(ScrapeFailure.class)
                .hasMessage("HTTP 404 from " + base + "/missing?username=***&password=***");
    }

    @Test
    void shouldRefuseARedirectWhenItLeadsToLoopbackOrLinkLocal() {
        assertThatThrownBy(() -> fetcher.get(base + "/to-localhost")).isInstanceOf(ScrapeFailure.class)
                .hasMessage("refused http://localhost:" + server.actualPort()
                        + "/ok: host localhost (127.0.0.1) is a loopback address (polyplex.scraping.ssrf.allow-loopback)");
        assertThatThrownBy(() -> fetcher.get(base + "/to-metadata")).isInstanceOf(ScrapeFailure.class)
                .hasMessageStartingWith(
                        "refused http://169.254.169.254/latest/meta-data/: host 169.254.169.254 is a link-local");
    }

    @Test
    void shouldRefuseAScrapedLinkWhenItNamesLoopbackButFetchTheConfiguredHost() {
        DestinationGuard.Check check = fetcher.check("http://lists.example/page.html");

        assertThatThrownBy(() -> fetcher.get(base + "/ok", check)).isInstanceOf(ScrapeFailure.class)
                .hasMessageContaining("is a loopback address");
        assertThat(fetcher.get(base + "/ok").finalUrl()).isEqualTo(base + "/ok");
    }

    @Test
    void shouldKeepCredentialsOutOfTheMessageWhenARedirectLocationIsMalformed() {
        assertThatThrownBy(() -> fetcher.get(base + "/bad-location")).isInstanceOf(ScrapeFailure.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("alice", "secret", "pw2")
                        .startsWith("the server redirected to an invalid URL"));
    }

    @Test
    void shouldKeepCredentialsOutOfTheMessageWhenAUrlIsMalformedOrUnreachable() {
        assertThatThrownBy(() -> fetcher.get("http://alice:secret@h.example/alice/secret/7?password=pw2&x=|"))
                .isInstanceOf(ScrapeFailure.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("alice", "secret", "pw2"));
        assertThatThrownBy(() -> fetcher.get("http://alice:secret@127.0.0.1:1/live/alice/secret/7.ts?password=pw2"))
                .isInstanceOf(ScrapeFailure.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("alice", "secret", "pw2")
                        .startsWith("cannot fetch http://127.0.0.1:1/live/***/***/7.ts?password=***"));
        assertThatThrownBy(() -> fetcher.get(base + "/alice/secret/7?password=pw2")).isInstanceOf(ScrapeFailure.class)
                .hasMessage("HTTP 404 from " + base + "/***/***/7?password=***");
    }

    /** Writes {@code total} bytes as fast as the client reads them, stopping when it goes away. */
    private static void pump(HttpServerResponse res, long total) {
        Buffer chunk = Buffer.buffer(new byte[64 * 1024]);
        long[] written = { 0 };
        boolean[] closed = { false };
        res.closeHandler(v -> closed[0] = true);
        Runnable[] fill = new Runnable[1];
        fill[0] = () -> {
            while (!closed[0] && written[0] < total && !res.writeQueueFull()) {
                res.write(chunk);
                written[0] += chunk.length();
            }
            if (!closed[0] && written[0] < total) {
                res.drainHandler(v -> fill[0].run());
            } else if (!closed[0]) {
                res.end();
            }
        };
        fill[0].run();
    }

    private static byte[] gzip(String text) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(text.getBytes(StandardCharsets.UTF_8));
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ScrapingConfig config(long maxBody, Duration timeout, int redirects) {
        return TestConfigs.of(ScrapingConfig.class, Map.of(
                "polyplex.scraping.fetch.connect-timeout", "2s",
                "polyplex.scraping.fetch.timeout", timeout.toString(),
                "polyplex.scraping.fetch.max-body-size", Long.toString(maxBody),
                "polyplex.scraping.fetch.max-html-size", Long.toString(maxBody),
                "polyplex.scraping.fetch.max-redirects", Integer.toString(redirects),
                "polyplex.scraping.fetch.user-agent", "Polyplex-test",
                "polyplex.scraping.max-entries", "1000",
                "polyplex.scraping.key-file", "target/unused.key"));
    }
}
