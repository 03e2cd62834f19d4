package org.polyplex.ingest.stats;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The periodic stream stats ({@link StreamStats}). */
@ConfigMapping(prefix = "polyplex.ingest")
public interface StatsConfig {

    /**
     * How often the figures of every stream with an open generation are sampled. Repeated in
     * application.properties because the scheduler reads raw properties.
     */
    @WithName("stats.every")
    @WithDefault("5s")
    @DurationMin(seconds = 1)
    @DurationMax(hours = 1)
    Duration every();

    /** Samples kept per stream (a ring: the oldest goes first). */
    @WithName("stats.history")
    @WithDefault("120")
    @Min(1)
    @Max(10_000)
    int history();

    /** Streams sampled at once (memory and metric bound); streams past it are skipped and logged once. */
    @WithName("stats.max-streams")
    @WithDefault("1000")
    @Min(1)
    @Max(100_000)
    int maxStreams();
}
