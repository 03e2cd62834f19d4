package org.polyplex.scraping.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Probing against a loopback server that answers slowly and counts requests in flight. */
class LivenessProberTest {

    private static Vertx vertx;
    private static HttpServer server;
    private static final AtomicInteger inFlight = new AtomicInteger();
    private static final AtomicInteger maxInFlight = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(req -> {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            vertx.setTimer(40, id -> {
                inFlight.decrementAndGet();
                if (req.path().startsWith("/live")) {
                    // a live stream: headers and a first TS packet, then a body that never ends (the
                    // fetcher reads the first bytes before it answers, to tell gzip apart)
                    req.response().setChunked(true).putHeader("content-type", "video/mp2t").write("G" + "\0".repeat(187));
                } else {
                    req.response().setStatusCode(404).end();
                }
            });
        });
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    @Test
    void marksLiveAndDeadSourcesAndKeepsToTheProviderCap() {
        List<ProbeTarget> targets = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            targets.add(new ProbeTarget(i, url("/live/" + i + ".ts"), "source:1", 2));
        }
        targets.add(new ProbeTarget(100, url("/gone.ts"), "source:1", 2));
        targets.add(new ProbeTarget(101, "http://127.0.0.1:1/closed.ts", "host:127.0.0.1", null));
        maxInFlight.set(0);

        Map<Long, Boolean> results = new LivenessProber(6, Duration.ofSeconds(3), "Polyplex-test").probe(targets);

        assertThat(results).hasSize(10);
        assertThat(results.entrySet()).filteredOn(e -> e.getKey() < 8).allSatisfy(e -> assertThat(e.getValue()).isTrue());
        assertThat(results.get(100L)).isFalse();
        assertThat(results.get(101L)).isFalse();
        assertThat(maxInFlight.get()).isLessThanOrEqualTo(2);
    }
}
