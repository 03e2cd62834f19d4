package org.polyplex.platform.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.polyplex.testsupport.TestConfigs;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The places of {@link RequestLimits} on a real Vert.x router: taken per request, refused over the
 * bound, and given back when the response ends or the client goes away.
 */
class RequestLimitsTest {

    private Vertx vertx;
    private HttpServer server;
    private HttpClient client;
    private RequestLimits limits;
    private final CompletableFuture<HttpServerResponse> held = new CompletableFuture<>();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        limits = new RequestLimits(config(2, 1, 1, 0), null);
        Router router = Router.router(vertx);
        router.get("/address").handler(ctx -> {
            if (!limits.enterAddress(ctx, "198.51.100.7")) {
                ctx.response().setStatusCode(429).end();
            } else if (ctx.request().getParam("hold") != null) {
                held.complete(ctx.response());
            } else {
                ctx.response().end("ok");
            }
        });
        router.get("/line").handler(ctx -> {
            if (!limits.enterLine(ctx, 7)) {
                ctx.response().setStatusCode(429).end();
            } else {
                held.complete(ctx.response());
            }
        });
        router.get("/heavy").blockingHandler(ctx -> {
            if (!limits.admitHeavy(ctx)) {
                ctx.response().setStatusCode(503).end();
            } else {
                held.complete(ctx.response());
            }
        });
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        client = vertx.createHttpClient();
    }

    @AfterEach
    void stop() {
        vertx.close();
    }

    @Test
    void shouldRefuseAnAddressOverItsShareAndFreeItWhenTheResponseEnds() throws Exception {
        CompletableFuture<Integer> first = status("/address?hold=1");
        HttpServerResponse holding = held.get(10, TimeUnit.SECONDS);
        assertThat(status("/address").get(10, TimeUnit.SECONDS)).as("second place of two").isEqualTo(200);
        assertThat(limits.open("a:198.51.100.7")).isEqualTo(1);
        CompletableFuture<Integer> third = status("/address?hold=1");
        awaitOpen("a:198.51.100.7", 2);
        // the held request plus this one fill the share of two; a third is refused
        assertThat(status("/address").get(10, TimeUnit.SECONDS)).isEqualTo(429);
        holding.end("done");
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(third.isDone()).isFalse();
    }

    @Test
    void shouldFreeALinePlaceWhenTheClientGoesAway() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.actualPort())) {
            socket.getOutputStream().write("GET /line HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            held.get(10, TimeUnit.SECONDS);
            assertThat(status("/line").get(10, TimeUnit.SECONDS)).isEqualTo(429);
        }
        awaitZero("l:7");
        assertThat(limits.open("l:7")).isZero();
    }

    @Test
    void shouldAnswerBusyWhenLargeAnswersAreInFlightAndNoQueueIsLeft() throws Exception {
        status("/heavy");
        HttpServerResponse holding = held.get(10, TimeUnit.SECONDS);
        assertThat(status("/heavy").get(10, TimeUnit.SECONDS)).isEqualTo(503);
        vertx.runOnContext(v -> holding.end());
        awaitHeavyFree();
    }

    private void awaitZero(String key) {
        awaitOpen(key, 0);
    }

    private void awaitOpen(String key, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> limits.open(key) == count);
    }

    private void awaitHeavyFree() {
        await("the large-answer place given back").atMost(Duration.ofSeconds(10))
                .until(() -> limits.heavyAvailable() == 1);
    }

    private CompletableFuture<Integer> status(String uri) {
        return client.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", uri)
                .compose(req -> req.send().compose(res -> res.body().map(b -> res.statusCode())))
                .toCompletionStage().toCompletableFuture();
    }

    static LoadConfig config(int perAddress, int perLine, int inFlight, int queue) {
        return TestConfigs.of(LoadConfig.class, Map.of("polyplex.load.per-address", "" + perAddress,
                "polyplex.load.per-line", "" + perLine, "polyplex.load.heavy.in-flight", "" + inFlight,
                "polyplex.load.heavy.queue", "" + queue, "polyplex.load.heavy.queue-timeout", "100ms",
                "polyplex.load.heavy.builders", "1"));
    }
}
