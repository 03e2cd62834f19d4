package org.polyplex.restream.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.polyplex.platform.process.SupervisedProcess;
import org.polyplex.restream.NginxRtmp;
import org.polyplex.restream.destination.ResolvedDestination;
import org.polyplex.restream.ffmpeg.OverlayDraw;
import org.polyplex.restream.ffmpeg.OverlayGraph;
import org.polyplex.restream.model.AudioMode;
import org.polyplex.restream.model.Profile;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two destinations of one restream on the same encoded profile, each on its own real nginx-rtmp:
 * ONE ffmpeg encodes (its first encoder, a listed hardware one that fails here, falls back to
 * libx264 without a retry counted against the destinations), each destination's own ffmpeg copies
 * its output, and both servers receive 480p video with the AAC silence the source lacks. A new
 * overlay graph restarts the encode only: the destinations' ffmpegs and connections stay. A killed
 * server drops its destination alone, which comes back live when the server does. Degraded mode
 * steps the one encode down, and every destination reconnects so its server gets the new picture.
 */
@Tag("media")
class SharedEncodeTest {

    private static final String ENCODE = "restream-9-encode-480p-auto";

    @TempDir
    Path dir;

    @Test
    void destinationsOnTheSameProfileShareOneEncodeAndStayIndependent() throws Exception {
        try (NginxRtmp one = new NginxRtmp(dir.resolve("one")).start();
                NginxRtmp two = new NginxRtmp(dir.resolve("two")).start();
                LoopbackRun run = new LoopbackRun(dir,
                        List.of(target(5, one.url("dest") + "/a"), target(6, two.url("dest") + "/b")), "h264_nvenc",
                        Duration.ofSeconds(15), () -> Double.NaN, Optional.empty())) {
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> run.status(0).state().equals("live") && run.status(1).state().equals("live"));

            List<SupervisedProcess> processes = run.processes();
            assertThat(processes).extracting(p -> p.spec().name())
                    .containsExactlyInAnyOrder("restream-9-5", "restream-9-6", ENCODE);
            for (SupervisedProcess p : processes) {
                List<String> command = p.spec().command();
                assertThat(command).containsSequence("-c:v", p.spec().name().equals(ENCODE) ? "libx264" : "copy");
            }
            for (int i = 0; i < 2; i++) {
                DestinationStatus s = run.status(i);
                assertThat(s.profile()).isEqualTo(Profile.P480);
                assertThat(s.encoder()).isEqualTo("libx264");
                assertThat(s.retries()).as("the encode's fallback is not the destination's retry").isZero();
            }
            assertThat(NginxRtmp.videoHeight(one.url("dest") + "/a")).isEqualTo(480);
            assertThat(NginxRtmp.videoHeight(two.url("dest") + "/b")).isEqualTo(480);
            assertThat(NginxRtmp.streamTypes(two.url("dest") + "/b")).contains("video", "audio");

            long encodePid = run.pid(ENCODE);
            long pidOne = run.pid("restream-9-5");
            long pidTwo = run.pid("restream-9-6");
            Path text = Files.writeString(dir.resolve("text.txt"), "ON AIR");
            run.run().overlays(new OverlayGraph(List.of(),
                    List.of(new OverlayDraw(1, text, 10, 10, 24, "#ffffff", null, 1, 0, 0, 0))));
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> run.pid(ENCODE) > 0 && run.pid(ENCODE) != encodePid);
            assertThat(run.processes().stream().filter(p -> p.spec().name().equals(ENCODE)).findFirst().orElseThrow()
                    .spec().command()).anyMatch(a -> a.contains("drawtext"));
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> NginxRtmp.decodedVideoFrames(one.url("dest") + "/a") > 0);
            assertThat(run.pid("restream-9-5")).as("the destination stays connected").isEqualTo(pidOne);
            assertThat(run.pid("restream-9-6")).isEqualTo(pidTwo);
            assertThat(run.status(0).state()).isEqualTo("live");

            two.kill();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> run.status(1).state().equals("retrying"));
            assertThat(run.status(0).state()).isEqualTo("live");
            assertThat(run.pid("restream-9-5")).isEqualTo(pidOne);
            assertThat(NginxRtmp.decodedVideoFrames(one.url("dest") + "/a")).isPositive();
            two.start();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> run.status(1).state().equals("live"));
            assertThat(run.status(1).retries()).isPositive();
            assertThat(run.status(0).retries()).isZero();
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> NginxRtmp.decodedVideoFrames(two.url("dest") + "/b") > 0);
        }
    }

    @Test
    void degradedModeStepsTheSharedEncodeAndEveryDestinationGetsTheNewPicture() throws Exception {
        AtomicReference<Double> cpu = new AtomicReference<>(0.3);
        try (NginxRtmp nginx = new NginxRtmp(dir.resolve("nginx")).start();
                LoopbackRun run = new LoopbackRun(dir,
                        List.of(target(5, nginx.url("dest") + "/a", Profile.P720),
                                target(6, nginx.url("dest") + "/b", Profile.P720)),
                        "libx264", Duration.ofSeconds(15), cpu::get, Optional.of(new DegradePolicy.Bounds(0.9, 0.1,
                                Duration.ofSeconds(2), 0.6, Duration.ofMinutes(5))))) {
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> run.status(0).state().equals("live") && run.status(1).state().equals("live"));
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> NginxRtmp.videoHeight(nginx.url("dest") + "/b") == 720);

            cpu.set(0.97);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> run.status(0).activeProfile() == Profile.P480);
            for (int i = 0; i < 2; i++) {
                assertThat(run.status(i).activeProfile()).isEqualTo(Profile.P480);
                assertThat(run.status(i).profile()).isEqualTo(Profile.P720);
                assertThat(run.status(i).degradedReason()).contains("machine CPU 97 %");
            }
            assertThat(run.meters.get("polyplex.restream.destination.degraded").gauges())
                    .allSatisfy(g -> assertThat(g.value()).isEqualTo(1.0)).hasSize(2);
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> run.status(0).state().equals("live") && run.status(1).state().equals("live"));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> NginxRtmp.videoHeight(nginx.url("dest") + "/a") == 480
                    && NginxRtmp.videoHeight(nginx.url("dest") + "/b") == 480);
            assertThat(run.processes()).hasSize(3);
            assertThat(run.status(0).retries() + run.status(1).retries()).as("planned restarts are not retries").isZero();
        }
    }

    private static RestreamRun.Target target(long id, String url) {
        return target(id, url, Profile.P480);
    }

    private static RestreamRun.Target target(long id, String url, Profile profile) {
        return new RestreamRun.Target(new ResolvedDestination(id, "nginx " + id, url, null), profile, AudioMode.AUTO);
    }
}
