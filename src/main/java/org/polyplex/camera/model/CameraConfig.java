package org.polyplex.camera.model;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Cameras (docs/cameras.md): their stream reader, health monitor and snapshots. */
@ConfigMapping(prefix = "polyplex.camera")
public interface CameraConfig {

    /** The ffmpeg executable that reads cameras and grabs snapshots (default {@code ffmpeg}). */
    @WithDefault("ffmpeg")
    String ffmpeg();

    /**
     * Socket I/O bound of a camera's ffmpeg (RTSP {@code -timeout}, default 10 s): a camera that
     * connects but sends nothing, or stops sending, ends its reader within it.
     */
    @WithDefault("10s")
    @DurationMin(seconds = 1)
    @DurationMax(minutes = 2)
    Duration readTimeout();

    /** Extra time a camera's reader gets for its first keyframe, on top of the proxy's bounds (default 5 s). */
    @WithDefault("5s")
    @DurationMin(millis = 0)
    @DurationMax(minutes = 1)
    Duration startGrace();

    /** Time between SIGTERM and SIGKILL when a camera's reader or a snapshot grab is stopped (default 2 s). */
    @WithDefault("2s")
    @DurationMin(millis = 100)
    @DurationMax(seconds = 30)
    Duration stopGrace();

    /** Period of the health probe of every camera (default 3 min). */
    @WithDefault("3m")
    @DurationMin(seconds = 5)
    @DurationMax(hours = 24)
    Duration probeEvery();

    /** Bound of one camera's probe, connection to last answer (default 5 s); over it the camera is offline. */
    @WithDefault("5s")
    @DurationMin(millis = 100)
    @DurationMax(minutes = 1)
    Duration probeTimeout();

    /** A probe that succeeds but takes longer than this reports the camera degraded (default 2 s). */
    @WithDefault("2s")
    @DurationMin(millis = 10)
    @DurationMax(minutes = 1)
    Duration probeSlow();

    /** Cameras probed at once by the health monitor (default 4). */
    @WithDefault("4")
    @Min(1)
    @Max(64)
    int probeConcurrency();

    /** Largest RTSP or HTTP answer a probe reads; more is an error (default 64 KiB). */
    @WithDefault("65536")
    @Min(1024)
    @Max(1048576)
    int probeMaxBytes();

    /** How long a snapshot is served from the cache before a new one is taken (default 5 s). */
    @WithDefault("5s")
    @DurationMin(millis = 0)
    @DurationMax(minutes = 10)
    Duration snapshotCache();

    /** Bound of taking one snapshot (HTTP fetch or ffmpeg grab, default 10 s); over it the answer is 504. */
    @WithDefault("10s")
    @DurationMin(seconds = 1)
    @DurationMax(minutes = 2)
    Duration snapshotTimeout();

    /** Largest snapshot image accepted (default 4 MiB); a larger one is a 502. */
    @WithDefault("4194304")
    @Min(1024)
    @Max(67108864)
    int snapshotMaxBytes();
}
