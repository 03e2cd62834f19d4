package org.polyplex.epg;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** EPG import, storage and output settings. */
@ConfigMapping(prefix = "polyplex.epg")
public interface EpgConfig {

    /**
     * How often the scheduler looks for sources whose interval has elapsed. Repeated as a raw
     * property in application.properties because scheduler expressions read raw properties.
     */
    @WithDefault("60s")
    Duration checkEvery();

    /**
     * Imports that may run at the same time, on their own worker threads (never the event loop or
     * the HTTP worker pool). One keeps the database and the CPU free for streaming.
     */
    @WithDefault("1")
    int maxConcurrentImports();

    /**
     * Linux niceness of the import threads (0 to 19; 0 leaves them as they are). The parsing and,
     * with the embedded database, the writing run on those threads: a high niceness makes the
     * kernel run the event loops first whenever both want a core.
     */
    @WithDefault("19")
    int importNiceness();

    /** Programmes written per transaction while importing. */
    @WithDefault("5000")
    int batchSize();

    /** Directory that local-file sources must lie under, relative to the working directory. */
    @WithDefault("data")
    String localRoot();

    /** How long {@code POST /api/epg-sources/{id}/run} waits for the run before answering 202. */
    @WithDefault("30s")
    Duration runWait();

    /** Past programmes are kept this long (catch-up listings), then pruned. */
    @WithDefault("7d")
    Duration retention();

    /** How often old programmes and old run records are pruned. */
    @WithDefault("1h")
    Duration pruneEvery();

    /** Run records kept per source; older ones are pruned. */
    @WithDefault("50")
    int runsKept();

    /**
     * Default catch-up window for {@code has_archive}: an ended programme younger than this is
     * marked as archived. 0 means no catch-up (the catalog has no per-channel archive yet).
     */
    @WithDefault("0s")
    Duration archiveWindow();

    /** IANA zone of the {@code start}/{@code end} strings of EPG listings, unless a caller passes one. */
    @WithDefault("UTC")
    String timezone();

    /** Download limits. */
    Download download();

    /** {@code /xmltv.php} output. */
    Xmltv xmltv();

    /** Download limits of one source. */
    interface Download {

        /** TCP connect timeout. */
        @WithDefault("10s")
        Duration connectTimeout();

        /** Longest wait for the next bytes of a body: a stalled download fails after this. */
        @WithDefault("30s")
        Duration readTimeout();

        /** Deadline of the whole download and import; a slow endless body is cut here. */
        @WithDefault("10m")
        Duration timeout();

        /** Largest body read from the source (compressed size for a gzip file). */
        @WithDefault("1G")
        MemorySize maxSize();

        /** Largest inflated size of a gzip source: the gzip-bomb guard. */
        @WithDefault("4G")
        MemorySize maxInflatedSize();
    }

    /** {@code /xmltv.php} output. */
    interface Xmltv {

        /** Days of past programmes in the guide when the request gives no {@code past_days}. */
        @WithDefault("1")
        int pastDays();

        /** Days of future programmes when the request gives no {@code future_days}. */
        @WithDefault("7")
        int futureDays();

        /** Largest {@code past_days} or {@code future_days} a request gets. */
        @WithDefault("31")
        int maxDays();
    }
}
