package org.polyplex.ingest.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.unique;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.polyplex.platform.process.Supervisor;
import org.polyplex.proxy.ProxyHarness;
import org.polyplex.testsupport.LogCapture;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * A real ffmpeg publishes over RTMP to a stream with its key, and everything downstream is real:
 * the packager writes generation-scoped HLS into the spool, the linked channel plays through the
 * fan-out proxy to a TS player, the playback URL plays as HLS; a wrong key is refused before any
 * media; a publisher that comes back resumes the same generation after a discontinuity; an admin
 * stop ends the generation and disconnects the encoder. The key appears in no log line and no
 * file name.
 */
@QuarkusTest
@Tag("media")
@TestProfile(LivePublishTest.WithRtmp.class)
class LivePublishTest {

    static final int RTMP_PORT = freePort();

    /** The RTMP server on a free port (the test profile keeps it off). */
    public static class WithRtmp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("polyplex.ingest.rtmp-port", String.valueOf(RTMP_PORT));
        }
    }

    private static final String PASSWORD = "s3cret-pw";

    @TestHTTPResource("/")
    URL base;

    @Inject
    Supervisor supervisor;

    @Test
    void shouldPlayAPublishedStreamToTsAndHlsViewersAndResumeAfterAReconnect() throws Exception {
        JsonPath stream = asAdmin().body(Map.of("name", unique("live"), "visibility", "public")).when()
                .post("/api/streams").then().statusCode(201).extract().jsonPath();
        long streamId = stream.getLong("id");
        long channelId = stream.getLong("channelId");
        String key = asAdmin().when().post("/api/streams/" + streamId + "/keys").then().statusCode(201).extract()
                .jsonPath().getString("key");
        String user = unique("line");
        create("/api/users", Map.of("username", user, "password", PASSWORD, "maxConnections", 2));
        String root = base.toString().replaceAll("/$", "");

        try (LogCapture logs = LogCapture.start()) {
            Process publisher = publish(RTMP_PORT, key, 30);
            try {
                JsonPath live = awaitState(streamId, "live", Duration.ofSeconds(30));
                long generationId = live.getLong("generationId");
                assertThat(live.getBoolean("publisher.connected")).isTrue();
                Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> status(streamId).getLong("ingressKbps") > 0);

                ProxyHarness.FfmpegPlayer ts = ProxyHarness
                        .ffmpeg(root + "/live/%s/%s/%d.ts".formatted(user, PASSWORD, channelId), 3);
                assertThat(ts.frames(Duration.ofSeconds(30))).as("3 s of the TS viewer").isGreaterThanOrEqualTo(50);

                String hls = asAdmin().when().get("/api/streams/" + streamId + "/playback").then().statusCode(200)
                        .extract().jsonPath().getString("url");
                ProxyHarness.FfmpegPlayer hlsPlayer = ProxyHarness.ffmpeg(hls, 2);
                assertThat(hlsPlayer.frames(Duration.ofSeconds(30))).as("2 s of the HLS viewer")
                        .isGreaterThanOrEqualTo(25);

                publisher.destroy(); // the encoder drops out...
                publisher.waitFor(10, TimeUnit.SECONDS);
                Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> !status(streamId)
                        .getBoolean("publisher.connected"));
                publisher = publish(RTMP_PORT, key, 30); // ...and comes back
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> playlist(streamId, generationId)
                        .contains("#EXT-X-DISCONTINUITY") && playlist(streamId, generationId).contains("r2-"));
                assertThat(status(streamId).getLong("generationId")).as("the same generation").isEqualTo(generationId);
                assertThat(status(streamId).getString("state")).isEqualTo("live");

                asAdmin().when().post("/api/streams/" + streamId + "/stop").then().statusCode(200);
                assertThat(publisher.waitFor(15, TimeUnit.SECONDS)).as("the stop disconnects the encoder").isTrue();
                assertThat(status(streamId).getString("state")).isEqualTo("ended");
            } finally {
                publisher.destroyForcibly();
            }
            assertThat(logs.text()).doesNotContain(key).doesNotContain(key.substring(3));
        }
        try (Stream<Path> files = Files.walk(Path.of("target/test-spool"))) {
            assertThat(files.map(Path::toString).filter(name -> name.contains(key.substring(3))).toList()).isEmpty();
        }
    }

    @Test
    void shouldRefuseASecondPublisherAndKeepItsViewers() throws Exception {
        JsonPath stream = asAdmin().body(Map.of("name", unique("busy"), "visibility", "public")).when()
                .post("/api/streams").then().statusCode(201).extract().jsonPath();
        long streamId = stream.getLong("id");
        String key = asAdmin().when().post("/api/streams/" + streamId + "/keys").then().statusCode(201).extract()
                .jsonPath().getString("key");
        String user = unique("line");
        create("/api/users", Map.of("username", user, "password", PASSWORD, "maxConnections", 1));
        Process publisher = publish(RTMP_PORT, key, 40);
        try {
            awaitState(streamId, "live", Duration.ofSeconds(30));
            ProxyHarness.FfmpegPlayer viewer = ProxyHarness.ffmpeg(
                    base.toString().replaceAll("/$", "") + "/live/%s/%s/%d.ts".formatted(user, PASSWORD,
                            stream.getLong("channelId")),
                    8);
            viewer.awaitPlaying(Duration.ofSeconds(20));

            Process second = publish(RTMP_PORT, key, 5);
            assertThat(second.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).as("the stream is busy: the second encoder is refused").isNotZero();
            assertThat(publisher.isAlive()).as("the first one goes on").isTrue();
            assertThat(viewer.frames(Duration.ofSeconds(30))).as("8 s watched while the second one knocked")
                    .isGreaterThanOrEqualTo(175);
            assertThat(status(streamId).getString("state")).isEqualTo("live");
        } finally {
            publisher.destroyForcibly();
        }
    }

    @Test
    void shouldRefuseAWrongKeyBeforeAnyMedia() throws Exception {
        long streamId = create("/api/streams", Map.of("name", unique("refused"), "visibility", "public"));

        Process publisher = publish(RTMP_PORT, "pk_" + "x".repeat(43), 5);

        assertThat(publisher.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(publisher.exitValue()).as("ffmpeg gives up with an error").isNotZero();
        assertThat(status(streamId).getString("state")).isEqualTo("idle");
    }

    static Process publish(int port, String key, int seconds) {
        try {
            return new ProcessBuilder("ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-re", "-f", "lavfi", "-i",
                    "testsrc2=size=640x360:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                    "-t", String.valueOf(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency",
                    "-g", "25", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k", "-f", "flv",
                    "rtmp://127.0.0.1:" + port + "/live/" + key)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonPath awaitState(long streamId, String state, Duration within) {
        Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(200))
                .until(() -> state.equals(status(streamId).getString("state")));
        return status(streamId);
    }

    static JsonPath status(long streamId) {
        return asAdmin().when().get("/api/streams/" + streamId + "/status").then().statusCode(200).extract().jsonPath();
    }

    private static String playlist(long streamId, long generationId) throws IOException {
        Path file = Path.of("target/test-spool/streams", Long.toString(streamId), Long.toString(generationId),
                "source/index.m3u8");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
