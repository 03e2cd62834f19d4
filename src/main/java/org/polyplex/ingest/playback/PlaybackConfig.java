package org.polyplex.ingest.playback;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The playback tokens a player is handed. */
@ConfigMapping(prefix = "polyplex.ingest")
public interface PlaybackConfig {

    /** How long the token in a playback URL opens its generation (the player page asks again). */
    @WithName("playback.token-ttl")
    @WithDefault("12h")
    @DurationMin(minutes = 1)
    @DurationMax(days = 7)
    Duration tokenTtl();
}
