package org.polyplex.ingest.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestReadinessTest {

    @TempDir
    Path dir;

    @Test
    void upWithFfmpegAndAWritableSpool() {
        HealthCheckResponse r = new IngestReadiness("ffmpeg", dir.resolve("spool")).call();
        assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(dir.resolve("spool")).isDirectory();
    }

    @Test
    void downWhenFfmpegIsMissing() {
        HealthCheckResponse r = new IngestReadiness("/nonexistent/ffmpeg", dir).call();
        assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(r.getData().orElseThrow().get("error").toString()).contains("ffmpeg (/nonexistent/ffmpeg) cannot be run");
    }

    @Test
    void downWhenTheSpoolIsNotWritable() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        HealthCheckResponse r = new IngestReadiness("ffmpeg", file.resolve("spool")).call();
        assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(r.getData().orElseThrow().get("error").toString()).contains("is not writable");
    }
}
