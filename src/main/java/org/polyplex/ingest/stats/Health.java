package org.polyplex.ingest.stats;

import java.time.Duration;
import java.time.Instant;

/** A stream's health verdict, as the stats see it. */
public enum Health {
    /** The packager writes its playlist on time. */
    HEALTHY,
    /** The source playlist is missing or older than 1.5 target durations. */
    DEGRADED,
    /** The figures themselves are older than 3 sampling periods: the stats job stopped. */
    STALE;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The verdict at {@code now} for a sample taken at {@code sampledAt} every {@code period}, whose
     * playlist was {@code playlistAge} old then (null: there is none) with target duration
     * {@code target}. Pure.
     */
    public static Health of(Instant now, Instant sampledAt, Duration period, Duration playlistAge, Duration target) {
        if (Duration.between(sampledAt, now).compareTo(period.multipliedBy(3)) > 0) {
            return STALE;
        }
        if (playlistAge == null || playlistAge.toMillis() * 2 > target.toMillis() * 3) {
            return DEGRADED;
        }
        return HEALTHY;
    }
}
