package org.polyplex.archive.serve;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Catch-up serving: how the local times of {@code /timeshift/...} and {@code timeshift.php} are
 * read and how much one request may ask for. Shares the {@code polyplex.archive} prefix with the
 * recorder's configuration.
 */
@ConfigMapping(prefix = "polyplex.archive")
public interface CatchupConfig {

    /**
     * IANA zone of the {@code start} local times apps send ({@code YYYY-MM-DD:HH-mm},
     * {@code YYYY-MM-DD HH:mm:ss}). Default: the zone {@code server_info.timezone} reports
     * ({@code polyplex.xtream.timezone}), because Xtream apps format the start in that zone; set
     * both together. A local time in the hour a DST change repeats is read with the earlier
     * offset, one in the hour it skips is moved forward by the gap.
     */
    @WithDefault("${polyplex.xtream.timezone:UTC}")
    @NotBlank
    String timeZone();

    /**
     * Longest window one catch-up request may ask for (default 24 h); a longer {@code duration}
     * is refused with 400 rather than cut, so a typo never streams days of archive.
     */
    @WithDefault("24h")
    @DurationMin(minutes = 1)
    @DurationMax(days = 31)
    Duration maxCatchupDuration();

    /**
     * Catch-up answers this node serves at once over all lines (default 256): each holds a file
     * open and a connection slot of its line; past it requests get 503 with {@code Retry-After}.
     */
    @WithDefault("256")
    @Min(1)
    @Max(100_000)
    int maxCatchupStreams();
}
