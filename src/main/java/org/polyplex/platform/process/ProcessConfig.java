package org.polyplex.platform.process;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Bounds of the process supervisor that runs ffmpeg packagers, cameras and restreams. */
@ConfigMapping(prefix = "polyplex.process")
public interface ProcessConfig {

    /** Supervised processes running at once on this node (default 64); one more is refused. */
    @WithDefault("64")
    @Min(1)
    @Max(4096)
    int maxProcesses();

    /** Last stderr lines kept per process for error reports (default 50). */
    @WithDefault("50")
    @Min(1)
    @Max(1000)
    int tailLines();

    /** Characters kept of one stderr line; the rest of a longer line is dropped (default 512). */
    @WithDefault("512")
    @Min(80)
    @Max(8192)
    int maxLineLength();

    /**
     * Directory of the pid files of running processes (default {@code data/run/processes}); at
     * start-up, processes left running by a crashed node are found through them and killed.
     */
    @WithDefault("data/run/processes")
    @NotBlank
    String runDir();

    /** Time all processes together get to stop when the node shuts down (default 10 s). */
    @WithDefault("10s")
    @DurationMin(millis = 100)
    @DurationMax(minutes = 5)
    Duration shutdownDeadline();
}
