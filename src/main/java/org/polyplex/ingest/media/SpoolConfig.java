package org.polyplex.ingest.media;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Where generations' HLS is written and how long it is kept. */
@ConfigMapping(prefix = "polyplex.ingest")
public interface SpoolConfig {

    /**
     * The spool directory (default {@code data/spool}); a generation's HLS is under
     * {@code streams/<stream-id>/<generation-id>/<rendition>/}.
     */
    @WithName("spool-dir")
    @WithDefault("data/spool")
    @NotBlank
    String spoolDir();

    /** How long an ended generation's files are kept (default 1 h; 0 = deleted at once). */
    @WithDefault("1h")
    @DurationMin(millis = 0)
    @DurationMax(days = 366)
    Duration retention();

    /**
     * Disk use of the spool, in bytes (default 10 GiB); past it ended generations are deleted
     * oldest first, before their retention is over.
     */
    @WithName("spool-max-bytes")
    @WithDefault("10737418240")
    @Min(1_048_576)
    @Max(Long.MAX_VALUE)
    long spoolMaxBytes();

    /**
     * How often retention runs (default 1 min). Repeated as a raw property in
     * application.properties because scheduler expressions read raw properties.
     */
    @WithName("retention-every")
    @WithDefault("1m")
    @DurationMin(seconds = 1)
    @DurationMax(hours = 1)
    Duration retentionEvery();
}
