package org.polyplex.restream.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.polyplex.restream.NginxRtmp;
import org.polyplex.restream.model.Profile;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Degraded mode with a real ffmpeg and a real nginx-rtmp destination: while the machine reads as
 * overloaded a 720p destination is restarted at 480p (the destination then receives 480 lines),
 * reported in its status and meter, without counting as a retry; once the machine is calm again
 * it goes back to 720p. The CPU reading is the one input the test sets: a real overload of this
 * machine cannot be made on purpose without making every other test slow.
 */
class DegradedModeTest {

    @TempDir
    Path dir;

    @Test
    void anOverloadedMachineStepsTheDestinationDownAndACalmOneBackUp() throws Exception {
        AtomicReference<Double> cpu = new AtomicReference<>(0.3);
        try (NginxRtmp nginx = new NginxRtmp(dir.resolve("nginx")).start();
                LoopbackRun run = new LoopbackRun(dir, nginx.url("dest") + "/degraded", Profile.P720,
                        Duration.ofSeconds(15), cpu::get, Optional.of(new DegradePolicy.Bounds(0.9, 0.1,
                                Duration.ofSeconds(2), 0.6, Duration.ofSeconds(3))))) {
            String url = nginx.url("dest") + "/degraded";
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> run.status().state().equals("live"));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> NginxRtmp.videoHeight(url) == 720);
            assertThat(run.status().activeProfile()).isEqualTo(Profile.P720);

            cpu.set(0.97);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> run.status().activeProfile() == Profile.P480);
            assertThat(run.status().profile()).isEqualTo(Profile.P720);
            assertThat(run.status().degradedReason()).contains("machine CPU 97 %");
            assertThat(run.meters.get("polyplex.restream.destination.degraded").gauge().value()).isEqualTo(1.0);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> run.status().state().equals("live"));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> NginxRtmp.videoHeight(url) == 480);
            // 480p is the floor: the overload goes on, the profile stays
            assertThat(run.status().activeProfile()).isEqualTo(Profile.P480);
            assertThat(run.status().retries()).as("a planned restart is not a retry").isZero();

            cpu.set(0.2);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> run.status().activeProfile() == Profile.P720);
            assertThat(run.status().degradedReason()).isNull();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> run.status().state().equals("live"));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> NginxRtmp.videoHeight(url) == 720);
            assertThat(run.meters.get("polyplex.restream.destination.degraded").gauge().value()).isZero();
            assertThat(run.status().retries()).isZero();
        }
    }
}
