package org.polyplex.epg.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.polyplex.epg.EpgTestSupport.createSource;
import static org.polyplex.epg.EpgTestSupport.liveGuide;
import static org.polyplex.epg.EpgTestSupport.tag;
import static org.polyplex.testsupport.AdminApi.asAdmin;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * More imports asked for than the import pool and its queue hold: the one beyond is refused with
 * a clear 409 and leaves no trace (no run, source still due), the queued ones all run once the
 * running one ends, and the refused source imports when asked again.
 */
@QuarkusTest
@TestProfile(ImportQueueTest.OneRunningOneQueued.class)
class ImportQueueTest {

    /** One import thread, one place in the queue; the run endpoint answers 202 at once. */
    public static class OneRunningOneQueued implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("polyplex.epg.max-concurrent-imports", "1", "polyplex.epg.max-queued-imports", "1",
                    "polyplex.epg.run-wait", "0.1s");
        }
    }

    @Inject
    Vertx vertx;

    @Inject
    EpgScheduler scheduler;

    private HttpServer server;
    // Guides are sent in two halves; the second half waits for this (the first import stalls).
    private final CompletableFuture<Void> release = new CompletableFuture<>();

    @BeforeEach
    void startGuideServer() throws Exception {
        server = vertx.createHttpServer().requestHandler(request -> {
            String tag = request.path().substring(1).replace(".xml", "");
            byte[] guide = liveGuide(tag, Instant.now());
            String text = new String(guide, StandardCharsets.UTF_8);
            int half = text.indexOf("  <programme");
            HttpServerResponse response = request.response().setChunked(true).putHeader("Content-Type", "text/xml");
            response.write(text.substring(0, half));
            // a blank every 200 ms keeps the download under its read timeout while it waits
            long timer = vertx.setPeriodic(200, id -> response.write(" "));
            release.whenComplete((ok, e) -> vertx.runOnContext(v -> {
                vertx.cancelTimer(timer);
                response.end(text.substring(half));
            }));
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopGuideServer() throws Exception {
        release.complete(null);
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldRefuseTheImportBeyondTheQueueAndLoseNoneWhenMoreAreAskedForThanItHolds() {
        long running = createSource(url(tag()));
        long queued = createSource(url(tag()));
        long refused = createSource(url(tag()));

        assertThat(runStatus(running)).isEqualTo(202);
        assertThat(runStatus(queued)).isEqualTo(202);
        JsonPath refusal = asAdmin().post("/api/epg-sources/" + refused + "/run").then().statusCode(409)
                .extract().jsonPath();
        assertThat(refusal.getString("message")).contains("too many EPG imports queued", "try again later");

        // the refusal left no trace: no run, not running, still due for the schedule
        assertThat(runs(refused)).isEmpty();
        JsonPath source = asAdmin().get("/api/epg-sources/" + refused).then().statusCode(200).extract().jsonPath();
        assertThat(source.getBoolean("running")).isFalse();
        assertThat(source.getString("lastRunAt")).isNull();
        assertThat(scheduler.startDueSources()).as("the schedule is refused too while the queue is full").isEmpty();
        assertThat(scheduler.dueSources(Instant.now())).contains(refused);

        release.complete(null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(runs(running)).extracting(run -> run.get("status")).containsExactly("success");
            assertThat(runs(queued)).extracting(run -> run.get("status")).containsExactly("success");
        });

        runStatus(refused);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(runs(refused)).extracting(run -> run.get("status")).containsExactly("success"));
        assertThat(runs(running).get(0).get("programmes")).isEqualTo(6);
    }

    private String url(String tag) {
        return "http://127.0.0.1:" + server.actualPort() + "/" + tag + ".xml";
    }

    private static int runStatus(long source) {
        return asAdmin().post("/api/epg-sources/" + source + "/run").then().extract().statusCode();
    }

    private static List<Map<String, Object>> runs(long source) {
        return asAdmin().get("/api/epg-sources/" + source + "/runs").then().statusCode(200).extract().jsonPath()
                .getList("$");
    }
}
