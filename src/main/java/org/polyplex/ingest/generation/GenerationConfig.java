package org.polyplex.ingest.generation;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** How long a generation outlives its publisher. */
@ConfigMapping(prefix = "polyplex.ingest")
public interface GenerationConfig {

    /**
     * How long an open generation waits for its publisher to come back (or, after an admin start,
     * for a first one) before it is ended. Longer keeps viewers through longer encoder outages;
     * shorter frees the packager sooner.
     */
    @WithName("idle-end")
    @WithDefault("5m")
    @DurationMin(seconds = 5)
    @DurationMax(hours = 48)
    Duration idleEnd();

    /**
     * How often idle generations are looked for; an idle generation ends at most this long after
     * {@link #idleEnd()}. The scheduler reads the raw property, so a change of this default is
     * repeated in application.properties.
     */
    @WithName("idle-sweep-every")
    @WithDefault("30s")
    @DurationMin(seconds = 1)
    @DurationMax(hours = 1)
    Duration idleSweepEvery();
}
