package org.polyplex.epg;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.quarkus.runtime.configuration.MemorySize;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

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
    @DurationMin(seconds = 1)
    Duration checkEvery();

    /**
     * Imports that may run at the same time, on their own worker threads (never the event loop or
     * the HTTP worker pool). One keeps the database and the CPU free for streaming.
     */
    @WithDefault("1")
    @Min(1)
    @Max(64)
    int maxConcurrentImports();

    /**
     * Imports that may wait for a free import thread (default 64). A run asked for beyond it (by
     * the admin API or the schedule) is refused with 409 and nothing recorded: the source stays
     * due and the schedule starts it on a later check.
     */
    @WithDefault("64")
    @Min(0)
    @Max(10_000)
    int maxQueuedImports();

    /**
     * Linux niceness of the import threads (0 to 19; 0 leaves them as they are). The parsing and,
     * with the embedded database, the writing run on those threads: a high niceness makes the
     * kernel run the event loops first whenever both want a core.
     */
    @WithDefault("19")
    @Min(0)
    @Max(19)
    int importNiceness();

    /** Programmes written per transaction while importing. */
    @WithDefault("5000")
    @Min(1)
    @Max(1_000_000)
    int batchSize();

    /** Directory that local-file sources must lie under, relative to the working directory. */
    @WithDefault("data")
    String localRoot();

    /** How long {@code POST /api/epg-sources/{id}/run} waits for the run before answering 202. */
    @WithDefault("30s")
    @DurationMin(millis = 0)
    Duration runWait();

    /** Past programmes are kept this long (catch-up listings), then pruned. */
    @WithDefault("7d")
    @DurationMin(millis = 0)
    Duration retention();

    /** How often old programmes and old run records are pruned. */
    @WithDefault("1h")
    @DurationMin(seconds = 1)
    Duration pruneEvery();

    /** Run records kept per source; older ones are pruned. */
    @WithDefault("50")
    @Min(1)
    @Max(10_000)
    int runsKept();

    /**
     * Default catch-up window for {@code has_archive}: an ended programme younger than this is
     * marked as archived. 0 means no catch-up (the catalog has no per-channel archive yet).
     */
    @WithDefault("0s")
    @DurationMin(millis = 0)
    Duration archiveWindow();

    /** IANA zone of the {@code start}/{@code end} strings of EPG listings, unless a caller passes one. */
    @WithDefault("UTC")
    String timezone();

    /**
     * Least share of a source's previous programme count that a new import must bring, in percent
     * (0 to 100; default 0). An import that yields no usable programme while the previous guide had
     * some always fails and keeps the previous guide; above 0, an import bringing fewer than this
     * share of the previous count fails too (say 50: a guide that shrank by more than half is kept
     * as it was). Higher values guard better against a provider's broken file, but refuse a guide
     * that legitimately shrank until the threshold is lowered.
     */
    @WithDefault("0")
    @Min(0)
    @Max(100)
    int minProgrammeRatio();

    /** Download limits. */
    Download download();

    /** Limits of the XML parser, per attribute and per text node. */
    Parser parser();

    /** Bounds of the guide reads that serve apps. */
    Query query();

    /** {@code /xmltv.php} output. */
    Xmltv xmltv();

    /** Download limits of one source. */
    interface Download {

        /** TCP connect timeout. */
        @WithDefault("10s")
        @DurationMin(millis = 1)
        Duration connectTimeout();

        /** Longest wait for the next bytes of a body: a stalled download fails after this. */
        @WithDefault("30s")
        @DurationMin(millis = 1)
        Duration readTimeout();

        /** Deadline of the whole download and import; a slow endless body is cut here. */
        @WithDefault("10m")
        @DurationMin(millis = 1)
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
        @Min(0)
        @Max(366)
        int pastDays();

        /** Days of future programmes when the request gives no {@code future_days}. */
        @WithDefault("7")
        @Min(0)
        @Max(366)
        int futureDays();

        /** Largest {@code past_days} or {@code future_days} a request gets. */
        @WithDefault("31")
        @Min(1)
        @Max(366)
        int maxDays();
    }

    /**
     * Limits of the XML parser. A value over a limit fails the import (the previous guide stays):
     * the parser cannot skip a value it has not read, so these bound the memory one import takes.
     */
    interface Parser {

        /**
         * Longest attribute value, in characters (default 65536). XMLTV attributes are ids, times
         * and icon URLs; stored URLs are cut at 2,048 characters anyway. A larger value admits
         * inline {@code data:} icons at the cost of that much heap per attribute.
         */
        @WithDefault("65536")
        @Min(1024)
        @Max(16_777_216)
        int maxAttributeLength();

        /**
         * Longest text node (text, CDATA, comment), in characters (default 1048576). Stored text is
         * cut at 8,000 characters; a larger value costs that much heap per text node.
         */
        @WithDefault("1048576")
        @Min(8192)
        @Max(67_108_864)
        int maxTextLength();

        /** Deepest element nesting (default 64); XMLTV needs 4. */
        @WithDefault("64")
        @Min(8)
        @Max(1000)
        int maxDepth();

        /**
         * Longest a programme without {@code stop} (optional in XMLTV) is taken to run (default 4h):
         * it ends where the next programme of its channel starts, at most this long after its own
         * start, and the last one of a channel lasts exactly this.
         */
        @WithDefault("4h")
        @DurationMin(minutes = 1)
        @DurationMax(days = 2)
        Duration maxOpenProgrammeLength();
    }

    /** Bounds of the guide reads that serve apps (short EPG, data table, XMLTV output). */
    interface Query {

        /**
         * Longest a guide read may run before the database cancels it (default 5s; whole seconds,
         * at least 1). A cancelled read answers an error, but its connection goes back to the pool:
         * longer lets a very slow database finish, shorter frees connections sooner.
         */
        @WithDefault("5s")
        @DurationMin(millis = 1)
        Duration timeout();

        /**
         * Most programmes {@code get_simple_data_table} reads and returns for one channel
         * (default 10000): a bound on the rows read, the memory and the answer size per request.
         */
        @WithDefault("10000")
        @Min(1)
        @Max(1_000_000)
        int maxTableRows();

        /**
         * Most programmes {@code /xmltv.php} writes per channel (default 20000). They are read in
         * pages of {@code xmltv-page-size}, so a slow client never holds a database connection.
         */
        @WithDefault("20000")
        @Min(1)
        @Max(1_000_000)
        int maxXmltvRowsPerChannel();

        /**
         * Programmes read per database round trip while writing {@code /xmltv.php} (default 500):
         * the rows held in memory per request; smaller means more queries.
         */
        @WithDefault("500")
        @Min(10)
        @Max(10_000)
        int xmltvPageSize();

        /**
         * Guides whose next programmes {@code get_short_epg} answers from memory (default 50000,
         * 16 programmes each): past it, the guides asked for least are read from the database
         * again. At least the number of channels with a guide, or the short EPG hits the database.
         */
        @WithDefault("50000")
        @Min(1)
        @Max(1_000_000)
        int upcomingGuides();
    }
}
