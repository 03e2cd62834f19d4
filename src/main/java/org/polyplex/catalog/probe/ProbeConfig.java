package org.polyplex.catalog.probe;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** "Test a source now": one ffprobe run against a channel source, bounded in time, count and output. */
@ConfigMapping(prefix = "polyplex.probe")
public interface ProbeConfig {

    /** The ffprobe executable, a path or a name looked up on {@code PATH}. Default {@code ffprobe}. */
    @WithDefault("ffprobe")
    @NotBlank
    String ffprobe();

    /**
     * Longest a test may take, connecting and reading included; past it the process is ended and
     * the test reports a timeout. Also ffprobe's own read/write timeout. Default 15 s: long enough
     * for a slow HLS playlist and its first segment, short enough for a person waiting on a page.
     */
    @WithDefault("PT15S")
    @DurationMin(seconds = 1)
    @DurationMax(minutes = 2)
    Duration timeout();

    /**
     * Tests running at once on this node; a test past it is refused at once ("busy"), never queued.
     * Each holds a provider connection for a moment, so keep it low. Default 2.
     */
    @WithDefault("2")
    @Min(1)
    @Max(32)
    int maxRunning();

    /** Most bytes of ffprobe's JSON answer read; the rest is discarded. Default 256 KiB. */
    @WithDefault("262144")
    @Min(4096)
    @Max(16_777_216)
    int maxOutputBytes();
}
