package org.polyplex.ingest.activity;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The in-memory live figures of published streams. */
@ConfigMapping(prefix = "polyplex.ingest")
public interface ActivityConfig {

    /**
     * The sliding window the ingress bitrate is averaged over (whole seconds). Longer is steadier,
     * shorter follows an encoder's changes sooner.
     */
    @WithName("activity.ingress-window")
    @WithDefault("10s")
    @DurationMin(seconds = 1)
    @DurationMax(seconds = 300)
    Duration ingressWindow();

    /** Streams tracked at once (memory bound); a publisher past it is not tracked, and logged once. */
    @WithName("activity.max-streams")
    @WithDefault("10000")
    @Min(1)
    @Max(1_000_000)
    int maxStreams();
}
