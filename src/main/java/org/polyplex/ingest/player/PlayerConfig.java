package org.polyplex.ingest.player;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Bounds of the player pages' reports. */
@ConfigMapping(prefix = "polyplex.ingest")
public interface PlayerConfig {

    /** Reports one client address may send a minute; the page sends about four. */
    @WithName("player.reports-per-minute")
    @WithDefault("30")
    @Min(1)
    @Max(10_000)
    int reportsPerMinute();

    /** Client addresses whose report counts are kept (the least active are forgotten first). */
    @WithName("player.max-tracked-addresses")
    @WithDefault("10000")
    @Min(100)
    @Max(1_000_000)
    int maxTrackedAddresses();
}
