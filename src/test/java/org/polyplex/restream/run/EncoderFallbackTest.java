package org.polyplex.restream.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.polyplex.restream.NginxRtmp;
import org.polyplex.restream.model.Profile;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hardware encoder that this ffmpeg lists but that fails at run time (h264_nvenc on a machine
 * without an NVIDIA GPU, as here) costs one failed attempt: the destination falls back to libx264
 * and goes live with it, and says so.
 */
class EncoderFallbackTest {

    @TempDir
    Path dir;

    @Test
    void aListedHardwareEncoderThatFailsFallsBackToLibx264() throws Exception {
        try (NginxRtmp nginx = new NginxRtmp(dir.resolve("nginx")).start();
                LoopbackRun run = new LoopbackRun(dir, nginx.url("dest") + "/hw", Profile.P480, "h264_nvenc",
                        Duration.ofSeconds(15), () -> Double.NaN, Optional.empty())) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> run.status().retries() >= 1);
            Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> run.status().state().equals("live"));
            assertThat(run.status().encoder()).isEqualTo("libx264");
            assertThat(run.status().retries()).as("one failed attempt, then the fallback").isEqualTo(1);
            assertThat(NginxRtmp.videoHeight(nginx.url("dest") + "/hw")).isEqualTo(480);
        }
    }
}
