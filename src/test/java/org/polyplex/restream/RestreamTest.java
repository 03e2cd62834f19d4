package org.polyplex.restream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.createChannel;
import static org.polyplex.testsupport.AdminApi.unique;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.polyplex.platform.process.Supervisor;
import org.polyplex.testsupport.LogCapture;
import org.polyplex.testsupport.TsFixtures;
import org.polyplex.testsupport.TsServer;

import io.quarkus.test.junit.QuarkusTest;

import io.vertx.core.Vertx;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * Restreaming end to end on loopback: a channel from a TS server, nginx-rtmp servers as the
 * destinations, one supervised ffmpeg per destination. Each destination receives decodable video
 * with audio; a killed destination is retried while the others keep receiving, and is live again
 * by itself once its server is back; a refused key ends failed after the bounded attempts (no
 * spinning); keys appear in no log line, API answer or metric; stop-all leaves no ffmpeg running.
 */
@QuarkusTest
@Tag("media")
class RestreamTest {

    private static final String KEY_A = "keyA-" + "Zq81xW".repeat(3);
    private static final String KEY_B = "keyB-" + "Hp27vN".repeat(3);
    private static final String KEY_DENIED = "keyD-" + "Rt55cM".repeat(3);

    private static Vertx vertx;
    private static TsServer upstream;
    private static NginxRtmp serverA;
    private static NginxRtmp serverB;

    @Inject
    Supervisor supervisor;

    @BeforeAll
    static void servers() {
        vertx = Vertx.vertx();
        upstream = new TsServer(vertx, 700_000).stream("src", TsFixtures.read(TsFixtures.h264(10, 500))).start();
        serverA = new NginxRtmp(Path.of("target", "restream-nginx-a")).start();
        serverB = new NginxRtmp(Path.of("target", "restream-nginx-b")).start();
    }

    @AfterAll
    static void stop() {
        serverA.close();
        serverB.close();
        upstream.close();
        vertx.close();
    }

    @AfterEach
    void stopEverything() {
        asAdmin().post("/api/restreams/stop-all").then().statusCode(200);
    }

    private static long destination(String url, String key) {
        return create("/api/destinations", Map.of("name", unique("dest"), "preset", "custom", "url", url,
                "streamKey", key));
    }

    private static JsonPath restream(long id) {
        return asAdmin().get("/api/restreams/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static String state(long restream, long destination) {
        return restream(restream).getString("destinations.find { it.destinationId == " + destination + " }.state");
    }

    private static Map<String, Object> dest(long restream, long destination) {
        return restream(restream).getMap("destinations.find { it.destinationId == " + destination + " }");
    }

    private List<String> restreamProcesses() {
        return supervisor.running().stream().filter(p -> p.spec().owner().equals("restream"))
                .map(p -> p.spec().name()).toList();
    }

    @Test
    void shouldSendToEveryDestinationAndRetryADroppedOneWithoutTouchingTheOthers() {
        List<String> answers = new ArrayList<>();
        try (LogCapture log = LogCapture.start()) {
            long channel = createChannel("Restreamed", upstream.url("/live/src"));
            long a = destination(serverA.url("dest"), KEY_A);
            long b = destination(serverB.url("dest"), KEY_B);
            long id = create("/api/restreams", Map.of("channelId", channel, "destinations",
                    List.of(Map.of("destinationId", a, "profile", "copy"),
                            Map.of("destinationId", b, "profile", "480p"))));
            answers.add(asAdmin().get("/api/destinations/" + a).then().statusCode(200)
                    .body("hasStreamKey", equalTo(true)).body("$", not(hasKey("streamKey"))).extract().asString());
            answers.add(asAdmin().post("/api/restreams/" + id + "/start").then().statusCode(200).extract().asString());

            Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> restream(id).getString("state").equals("live"));
            for (String url : List.of(serverA.url("dest") + "/" + KEY_A, serverB.url("dest") + "/" + KEY_B)) {
                assertThat(NginxRtmp.streamTypes(url)).as(url).contains("video", "audio");
                assertThat(NginxRtmp.decodedVideoFrames(url)).as(url).isPositive();
            }
            Map<String, Object> live = dest(id, a);
            assertThat(((Number) live.get("fps")).doubleValue()).isPositive();
            assertThat(((Number) live.get("bitrateKbps")).doubleValue()).isPositive();
            assertThat(live).containsKeys("speed", "droppedFrames", "duplicatedFrames", "uptimeSeconds", "retries",
                    "lastError");
            asAdmin().get("/api/destinations/" + a).then().body("lastUsed", org.hamcrest.Matchers.notNullValue());

            // B's server dies: B retries, A goes on
            serverB.kill();
            // one answer shows B retrying, A live and the whole restream degraded
            JsonPath dropped = Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> restream(id),
                    r -> "retrying".equals(r.getString("destinations.find { it.destinationId == " + b + " }.state")));
            answers.add(dropped.prettify());
            assertThat(dropped.getString("destinations.find { it.destinationId == " + a + " }.state")).isEqualTo("live");
            assertThat(dropped.getString("state")).isEqualTo("degraded");
            assertThat(NginxRtmp.decodedVideoFrames(serverA.url("dest") + "/" + KEY_A)).isPositive();
            assertThat(state(id, b)).isNotEqualTo("live");

            // B's server returns: B is live again by itself, A never dropped
            serverB.start();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> state(id, b).equals("live"));
            assertThat(((Number) dest(id, b).get("retries")).intValue()).isPositive();
            assertThat(((Number) dest(id, a).get("retries")).intValue()).isZero();
            assertThat(NginxRtmp.decodedVideoFrames(serverB.url("dest") + "/" + KEY_B)).isPositive();

            String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).contains("polyplex_restream_destination_state{destination=\"" + b + "\",restream=\""
                    + id + "\"} 2.0").contains("polyplex_restream_destination_retries_total{destination=\"" + b);
            answers.add(metrics);
            answers.add(asAdmin().get("/api/restreams").then().statusCode(200).extract().asString());

            // the emergency stop leaves no ffmpeg
            asAdmin().post("/api/restreams/stop-all").then().statusCode(200).body("stopped", equalTo(1));
            assertThat(restreamProcesses()).isEmpty();
            assertThat(restream(id).getString("state")).isEqualTo("idle");

            for (String text : List.of(String.join("\n", answers), log.text())) {
                assertThat(text).doesNotContain(KEY_A).doesNotContain(KEY_B);
            }
            assertThat(log.text()).contains("restream " + id + ": destination " + b + " dropped");
        }
    }

    @Test
    void shouldFailADestinationThatRefusesTheKeyAfterBoundedAttemptsWithAClearError() {
        try (LogCapture log = LogCapture.start()) {
            long channel = createChannel("Refused", upstream.url("/live/src"));
            long denied = destination(serverA.url("deny"), KEY_DENIED);
            long ok = destination(serverA.url("dest"), KEY_A + "-2");
            long id = create("/api/restreams", Map.of("channelId", channel, "destinations",
                    List.of(Map.of("destinationId", denied), Map.of("destinationId", ok))));
            asAdmin().post("/api/restreams/" + id + "/start").then().statusCode(200);
            asAdmin().post("/api/restreams/" + id + "/start").then().statusCode(409).body("code", equalTo("conflict"));

            Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> state(id, denied).equals("failed"));
            Map<String, Object> d = dest(id, denied);
            // five attempts (the test bound), each after its backoff: an ffmpeg that exits at once does not spin
            assertThat(((Number) d.get("retries")).intValue()).isEqualTo(5);
            assertThat((String) d.get("lastError")).contains("ffmpeg exited with code").contains("Input/output error")
                    .doesNotContain(KEY_DENIED);
            assertThat(state(id, ok)).isEqualTo("live");
            assertThat(restream(id).getString("state")).isEqualTo("degraded");
            String answer = restream(id).prettify();
            String metrics = RestAssured.get("/q/metrics").then().extract().asString();
            assertThat(answer + metrics + log.text()).doesNotContain(KEY_DENIED);

            asAdmin().post("/api/restreams/" + id + "/stop").then().statusCode(200).body("state", equalTo("idle"));
            assertThat(restreamProcesses()).isEmpty();
        }
    }
}
