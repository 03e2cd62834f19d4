package org.polyplex.ingest.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.unique;

import java.net.URL;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.polyplex.platform.process.ProcessState;
import org.polyplex.platform.process.SupervisedProcess;
import org.polyplex.platform.process.Supervisor;
import org.polyplex.proxy.ProxyHarness;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * With {@code polyplex.ingest.packager=ffmpeg} a publish is packaged by a supervised ffmpeg: one
 * that dies mid-publish is restarted while the publisher and the viewers go on, and the stream
 * stays live.
 */
@QuarkusTest
@Tag("media")
@TestProfile(FfmpegPackagerPublishTest.WithFfmpegPackager.class)
class FfmpegPackagerPublishTest {

    static final int RTMP_PORT = LivePublishTest.freePort();

    /** The RTMP server on a free port, packaged by ffmpeg. */
    public static class WithFfmpegPackager implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("polyplex.ingest.rtmp-port", String.valueOf(RTMP_PORT), "polyplex.ingest.packager",
                    "ffmpeg");
        }
    }

    private static final String PASSWORD = "s3cret-pw";

    @TestHTTPResource("/")
    URL base;

    @Inject
    Supervisor supervisor;

    @Test
    void shouldKeepThePublisherAndItsViewersThroughAPackagerRestart() throws Exception {
        JsonPath stream = asAdmin().body(Map.of("name", unique("ffmpeg"), "visibility", "public")).when()
                .post("/api/streams").then().statusCode(201).extract().jsonPath();
        long streamId = stream.getLong("id");
        String key = asAdmin().when().post("/api/streams/" + streamId + "/keys").then().statusCode(201).extract()
                .jsonPath().getString("key");
        String user = unique("line");
        create("/api/users", Map.of("username", user, "password", PASSWORD, "maxConnections", 1));
        Process publisher = LivePublishTest.publish(RTMP_PORT, key, 40);
        try {
            long generationId = LivePublishTest.awaitState(streamId, "live", Duration.ofSeconds(30))
                    .getLong("generationId");
            ProxyHarness.FfmpegPlayer viewer = ProxyHarness.ffmpeg(
                    base.toString().replaceAll("/$", "") + "/live/%s/%s/%d.ts".formatted(user, PASSWORD,
                            stream.getLong("channelId")),
                    10);
            viewer.awaitPlaying(Duration.ofSeconds(20));
            String name = "ingest-s" + streamId + "-g" + generationId + "-r1";
            SupervisedProcess packager = supervisor.running().stream().filter(p -> p.spec().name().equals(name))
                    .findFirst().orElseThrow();
            long pid = ((ProcessState.Running) packager.state()).pid();
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // the packager dies mid-publish

            assertThat(viewer.frames(Duration.ofSeconds(40))).as("10 s watched across the restart, a few lost")
                    .isGreaterThanOrEqualTo(150);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> packager.state() instanceof ProcessState.Running r
                    && r.pid() != pid);
            assertThat(publisher.isAlive()).as("the publisher goes on").isTrue();
            assertThat(LivePublishTest.status(streamId).getString("state")).isEqualTo("live");
        } finally {
            publisher.destroyForcibly();
        }
    }
}
