package org.polyplex.ingest.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of live ingest: DOWN with the reason when ffmpeg cannot be run or the spool is not
 * writable. The ffmpeg probe ({@code ffmpeg -version}) is cached for a minute; the spool is
 * checked on each call by creating and deleting a file in it.
 */
@ApplicationScoped
@Readiness
public class IngestReadiness implements HealthCheck {

    private static final Duration PROBE_EVERY = Duration.ofMinutes(1);

    private final String ffmpeg;
    private final Path spool;
    private volatile long probedAt;
    private volatile String ffmpegProblem;

    @Inject
    IngestReadiness(MediaConfig media, SpoolConfig spool) {
        this(media.ffmpeg(), Path.of(spool.spoolDir()).toAbsolutePath());
    }

    IngestReadiness(String ffmpeg, Path spool) {
        this.ffmpeg = ffmpeg;
        this.spool = spool;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("ingest-media").withData("spool", spool.toString());
        String problem = ffmpegProblem();
        if (problem == null) {
            problem = spoolProblem();
        }
        return problem == null ? builder.up().build() : builder.down().withData("error", problem).build();
    }

    private String ffmpegProblem() {
        long now = System.nanoTime();
        if (probedAt == 0 || now - probedAt > PROBE_EVERY.toNanos()) {
            ffmpegProblem = probeFfmpeg();
            probedAt = now;
        }
        return ffmpegProblem;
    }

    private String probeFfmpeg() {
        try {
            Process p = new ProcessBuilder(List.of(ffmpeg, "-hide_banner", "-version"))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "ffmpeg (" + ffmpeg + ") did not answer -version within 5 s";
            }
            return p.exitValue() == 0 ? null : "ffmpeg (" + ffmpeg + ") -version exited with " + p.exitValue();
        } catch (IOException e) {
            return "ffmpeg (" + ffmpeg + ") cannot be run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while probing ffmpeg";
        }
    }

    private String spoolProblem() {
        try {
            Files.createDirectories(spool);
            Path probe = Files.createTempFile(spool, ".probe", ".tmp");
            Files.delete(probe);
            return null;
        } catch (IOException | SecurityException e) {
            return "the spool " + spool + " is not writable: " + e.getMessage();
        }
    }
}
