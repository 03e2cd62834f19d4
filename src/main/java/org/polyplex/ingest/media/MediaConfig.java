package org.polyplex.ingest.media;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** How a publish is packaged: the ffmpeg packager, its HLS output, renditions and supervision. */
@ConfigMapping(prefix = "polyplex.ingest")
public interface MediaConfig {

    /** The ffmpeg executable (a name on the PATH or an absolute path; default {@code ffmpeg}). */
    @WithDefault("ffmpeg")
    @NotBlank
    String ffmpeg();

    /** Target HLS segment duration (default 2 s); segments are cut at keyframes. */
    @WithName("hls-time")
    @WithDefault("2s")
    @DurationMin(seconds = 1)
    @DurationMax(seconds = 30)
    Duration hlsTime();

    /** Segments in a live playlist (default 6); older segments are deleted as the window moves. */
    @WithName("hls-list-size")
    @WithDefault("6")
    @Min(3)
    @Max(100)
    int hlsListSize();

    /**
     * Encoded variants besides {@code source}, each {@code <height>p:<kbps>k} (e.g.
     * {@code 720p:2800k,480p:1200k}; libx264 veryfast). None by default: only the source is copied.
     */
    Optional<List<String>> renditions();

    /**
     * FLV bytes of a publish waiting for ffmpeg's stdin (default 8 MiB); past it the pipeline is not
     * writable and the RTMP server pauses the publisher.
     */
    @WithName("input-queue-bytes")
    @WithDefault("8388608")
    @Min(65_536)
    @Max(268_435_456)
    int inputQueueBytes();

    /** A packager that reports no progress for this long is killed and restarted (default 20 s). */
    @WithName("stall-timeout")
    @WithDefault("20s")
    @DurationMin(seconds = 1)
    @DurationMax(minutes = 10)
    Duration stallTimeout();

    /** Time a packager gets between SIGTERM and SIGKILL, and to finish after its input ended (5 s). */
    @WithName("stop-grace")
    @WithDefault("5s")
    @DurationMin(millis = 100)
    @DurationMax(minutes = 1)
    Duration stopGrace();

    /** Restarts of a failed packager allowed within {@link #restartWindow()} (default 5). */
    @WithName("restart.max")
    @WithDefault("5")
    @Min(0)
    @Max(1000)
    int restartMax();

    /** The window over which packager restarts are counted (default 1 min). */
    @WithName("restart.window")
    @WithDefault("1m")
    @DurationMin(seconds = 1)
    @DurationMax(hours = 24)
    Duration restartWindow();

    /** Backoff before the first restart; it doubles with each restart in the window (default 500 ms). */
    @WithName("restart.initial-backoff")
    @WithDefault("500ms")
    @DurationMin(millis = 0)
    @DurationMax(minutes = 1)
    Duration restartInitialBackoff();

    /** Longest backoff between restarts (default 10 s). */
    @WithName("restart.max-backoff")
    @WithDefault("10s")
    @DurationMin(millis = 0)
    @DurationMax(minutes = 10)
    Duration restartMaxBackoff();

    /**
     * What packages a publish: {@code auto} (default) remuxes it inside Polyplex when the source is
     * the only rendition and runs the ffmpeg packager when encoded variants are configured;
     * {@code remux} always remuxes (no variants allowed); {@code ffmpeg} always runs ffmpeg.
     */
    @WithDefault("auto")
    Packager packager();

    /** Threads writing the remuxed segments and playlists of every publish (default 2). */
    @WithName("segment-writers")
    @WithDefault("2")
    @Min(1)
    @Max(32)
    int segmentWriters();

    /** The packager choices of {@link #packager()}. */
    enum Packager {
        AUTO,
        REMUX,
        FFMPEG
    }
}
