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
 * An ffmpeg that hangs while its destination is live (frozen with SIGSTOP: alive, its pipe open,
 * no frame and no progress any more; the silent 3 a.m. death) is killed after the stall timeout
 * and replaced, and the destination is live again by itself with a new ffmpeg.
 */
class DestinationStallTest {

    @TempDir
    Path dir;

    @Test
    void aDestinationWhoseProgressStallsIsRestartedAndComesBack() throws Exception {
        try (NginxRtmp nginx = new NginxRtmp(dir.resolve("nginx")).start();
                LoopbackRun run = new LoopbackRun(dir, nginx.url("dest") + "/stall", Profile.COPY,
                        Duration.ofSeconds(10), () -> Double.NaN, Optional.empty())) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> run.status().state().equals("live"));
            long hung = run.ffmpegPid();
            assertThat(hung).isPositive();
            assertThat(new ProcessBuilder("kill", "-STOP", Long.toString(hung)).start().waitFor()).isZero();

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> run.status().retries() >= 1);
            assertThat(run.status().lastError()).isEqualTo("stalled: no frame went out for 10 s");
            // SIGTERM cannot reach a stopped process: the stop grace ends in SIGKILL
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(hung).isEmpty());
            Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> run.status().state().equals("live"));
            assertThat(run.ffmpegPid()).isNotEqualTo(hung);
            assertThat(NginxRtmp.decodedVideoFrames(nginx.url("dest") + "/stall")).isPositive();
        }
    }
}
