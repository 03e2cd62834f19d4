package org.polyplex.platform.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import org.polyplex.platform.fetch.FetchException.Kind;
import org.polyplex.testsupport.TestTls;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The blocking fetcher against loopback servers, plain and TLS: bodies, gzip by magic bytes, the
 * caps (gzip bombs included), read timeout and deadline, and the redirect policy.
 */
class BlockingFetcherTest {

    private static final long TRANSFER_CAP = 256 * 1024;
    private static final long BODY_CAP = 1024 * 1024;
    private static final FetchPolicy POLICY = new FetchPolicy(Duration.ofSeconds(2), Duration.ofMillis(500),
            Duration.ofSeconds(10), TRANSFER_CAP, BODY_CAP, 3, "Polyplex test");

    private static Vertx vertx;
    private static HttpServer http;
    private static HttpServer https;
    private static final AtomicInteger TARGET_HITS = new AtomicInteger();

    private BlockingFetcher fetcher;

    @BeforeAll
    static void servers() throws Exception {
        vertx = Vertx.vertx();
        http = vertx.createHttpServer().requestHandler(BlockingFetcherTest::plain).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        https = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(TestTls.serverKey()))
                .requestHandler(BlockingFetcherTest::secure).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void fetcher() {
        fetcher = new BlockingFetcher(POLICY, TestTls.clientContext());
    }

    @AfterEach
    void close() {
        fetcher.close();
    }

    private static void plain(HttpServerRequest request) {
        var response = request.response();
        String path = request.path();
        switch (path) {
            case "/plain" -> response.putHeader("Content-Type", "text/plain").end("hello");
            case "/gzip-encoded" -> response.putHeader("Content-Encoding", "gzip").end(gzip("hello gzip".getBytes()));
            case "/gzip-file" -> response.putHeader("Content-Type", "application/octet-stream")
                    .end(gzip("hello file".getBytes()));
            case "/bomb" -> response.end(gzip(new byte[(int) (4 * BODY_CAP)]));
            case "/endless" -> endless(request);
            case "/stall" -> response.setChunked(true).write("abc");
            case "/drip" -> {
                response.setChunked(true).write("x");
                long timer = vertx.setPeriodic(20, id -> response.write("x"));
                response.closeHandler(v -> vertx.cancelTimer(timer));
            }
            case "/silent" -> {
                // reads the request and never answers
            }
            case "/missing" -> response.setStatusCode(404).end("not here");
            case "/to-https" -> redirect(request, "https://localhost:" + https.actualPort() + "/plain");
            case "/to-ftp" -> redirect(request, "ftp://127.0.0.1/file");
            case "/to-target" -> redirect(request, "/target");
            case "/target" -> {
                TARGET_HITS.incrementAndGet();
                response.end("target");
            }
            default -> {
                if (path.startsWith("/hops/")) {
                    int left = Integer.parseInt(path.substring(6));
                    if (left == 0) {
                        response.end("arrived");
                    } else {
                        redirect(request, "/hops/" + (left - 1));
                    }
                } else {
                    response.setStatusCode(404).end();
                }
            }
        }
    }

    private static void secure(HttpServerRequest request) {
        switch (request.path()) {
            case "/plain" -> request.response().end("secure");
            case "/to-http" -> redirect(request, "http://127.0.0.1:" + http.actualPort() + "/plain");
            default -> request.response().setStatusCode(404).end();
        }
    }

    private static void endless(HttpServerRequest request) {
        var response = request.response().setChunked(true);
        Buffer chunk = Buffer.buffer(new byte[16 * 1024]);
        long timer = vertx.setPeriodic(2, id -> {
            if (!response.writeQueueFull()) {
                response.write(chunk);
            }
        });
        response.closeHandler(v -> vertx.cancelTimer(timer));
    }

    private static void redirect(HttpServerRequest request, String location) {
        request.response().setStatusCode(302).putHeader("Location", location).end();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + http.actualPort() + path;
    }

    private static Buffer gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Buffer.buffer(out.toByteArray());
    }

    private String fetch(String url) throws IOException {
        try (FetchedBody body = fetcher.open(url)) {
            return new String(body.readAll(), StandardCharsets.UTF_8);
        }
    }

    private Kind failure(String url) {
        try {
            fetch(url);
        } catch (FetchException e) {
            return e.kind();
        } catch (IOException e) {
            throw new AssertionError("not a FetchException", e);
        }
        throw new AssertionError("no failure");
    }

    @Test
    void shouldStreamAPlainBody() throws IOException {
        try (FetchedBody body = fetcher.open(url("/plain"))) {
            assertThat(body.contentType()).contains("text/plain");
            assertThat(new String(body.content().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
            assertThat(body.gzip()).isFalse();
            assertThat(body.transferred()).isEqualTo(5);
            assertThat(body.uri()).isEqualTo(URI.create(url("/plain")));
        }
    }

    @Test
    void shouldDecodeGzipByItsFirstBytesWhateverTheHeaders() throws IOException {
        assertThat(fetch(url("/gzip-encoded"))).isEqualTo("hello gzip");
        assertThat(fetch(url("/gzip-file"))).isEqualTo("hello file");
    }

    @Test
    void shouldCapTheDecodedBodyOfAGzipBomb() {
        assertThatThrownBy(() -> fetch(url("/bomb"))).isInstanceOf(FetchException.class)
                .hasMessage("inflated gzip content larger than the configured limit of " + BODY_CAP + " bytes");
    }

    @Test
    void shouldCapTheTransfer() {
        assertThatThrownBy(() -> fetch(url("/endless"))).isInstanceOf(FetchException.class)
                .hasMessage("download larger than the configured limit of " + TRANSFER_CAP + " bytes");
    }

    @Test
    void shouldFailAStalledBodyAfterTheReadTimeout() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> fetch(url("/stall"))).isInstanceOf(FetchException.class)
                .hasMessageStartingWith("Read timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void shouldCutASlowEndlessBodyAtTheDeadline() {
        FetchPolicy shortDeadline = new FetchPolicy(Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofMillis(400), TRANSFER_CAP, BODY_CAP, 3, "Polyplex test");
        try (BlockingFetcher strict = new BlockingFetcher(shortDeadline)) {
            assertThatThrownBy(() -> {
                try (FetchedBody body = strict.open(url("/drip"))) {
                    body.readAll();
                }
            }).isInstanceOf(FetchException.class).hasMessageStartingWith("download took longer than the configured timeout")
                    .extracting(e -> ((FetchException) e).kind()).isEqualTo(Kind.TIMEOUT);
        }
    }

    @Test
    void shouldTimeOutWhenNoAnswerComes() {
        assertThat(failure(url("/silent"))).isEqualTo(Kind.TIMEOUT);
    }

    @Test
    void shouldReportTheStatusOfAFailedAnswer() {
        assertThatThrownBy(() -> fetch(url("/missing"))).isInstanceOf(FetchException.class)
                .hasMessageStartingWith("HTTP 404 from ").extracting(e -> ((FetchException) e).status()).isEqualTo(404);
    }

    @Test
    void shouldFollowABoundedNumberOfRedirects() throws IOException {
        assertThat(fetch(url("/hops/3"))).isEqualTo("arrived");
        assertThat(failure(url("/hops/4"))).isEqualTo(Kind.TOO_MANY_REDIRECTS);
    }

    @Test
    void shouldFollowHttpToHttpsButNeverBack() throws IOException {
        assertThat(fetch(url("/to-https"))).isEqualTo("secure");
        assertThatThrownBy(() -> fetch("https://localhost:" + https.actualPort() + "/to-http"))
                .isInstanceOf(FetchException.class).hasMessageContaining("from https down to http")
                .extracting(e -> ((FetchException) e).kind()).isEqualTo(Kind.REFUSED);
        assertThat(failure(url("/to-ftp"))).isEqualTo(Kind.INVALID_URL);
    }

    @Test
    void shouldPutEveryHopToTheDestinationPolicyBeforeConnecting() throws IOException {
        List<String> asked = new ArrayList<>();
        DestinationPolicy noTarget = uri -> {
            asked.add(uri.getPath());
            return uri.getPath().equals("/target") ? "not there" : null;
        };
        int hits = TARGET_HITS.get();
        assertThatThrownBy(() -> fetcher.open(url("/to-target"), noTarget)).isInstanceOf(FetchException.class)
                .hasMessageEndingWith(": not there").extracting(e -> ((FetchException) e).kind()).isEqualTo(Kind.REFUSED);
        assertThat(asked).containsExactly("/to-target", "/target");
        assertThat(TARGET_HITS.get()).as("the refused target was never contacted").isEqualTo(hits);
        try (FetchedBody body = fetcher.open(url("/to-target"), DestinationPolicy.ANY)) {
            assertThat(body.readAll()).asString().isEqualTo("target");
            assertThat(body.uri().getPath()).isEqualTo("/target");
        }
    }

    @Test
    void shouldRefuseWhatIsNoHttpUrlWithoutQuotingCredentials() {
        for (String bad : List.of("ftp://example.com/x", "http:///nohost", "file:///etc/passwd", "not a url",
                "http://user:secret@exa mple.com/live/user/secret/1.ts")) {
            assertThatThrownBy(() -> fetcher.open(bad)).as(bad).isInstanceOf(FetchException.class)
                    .hasMessageNotContaining("secret")
                    .extracting(e -> ((FetchException) e).kind()).isEqualTo(Kind.INVALID_URL);
        }
    }

    @Test
    void shouldBoundAStreamThatWasNotFetched() throws IOException {
        InputStream file = new ByteArrayInputStream(gzip("local guide".getBytes()).getBytes());
        try (FetchedBody body = fetcher.read(file)) {
            assertThat(body.gzip()).isTrue();
            assertThat(body.readAll()).asString().isEqualTo("local guide");
        }
        InputStream large = new ByteArrayInputStream(new byte[(int) TRANSFER_CAP + 1]);
        assertThatThrownBy(() -> {
            try (FetchedBody body = fetcher.read(large)) {
                body.readAll();
            }
        }).isInstanceOf(FetchException.class).hasMessageStartingWith("download larger than");
    }
}
