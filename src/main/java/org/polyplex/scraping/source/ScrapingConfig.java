package org.polyplex.scraping.source;

import java.time.Duration;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.quarkus.runtime.configuration.MemorySize;

import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Scraper sources: schedule, limits, fetching, secrets and liveness probing. */
@ConfigMapping(prefix = "polyplex.scraping")
public interface ScrapingConfig {

    /**
     * How often the scheduler looks for due sources (each source has its own interval). Also set
     * as a raw property in application.properties, because the scheduler reads it from there.
     */
    @WithDefault("60s")
    @DurationMin(seconds = 1)
    Duration every();

    /** Most channels one document may list; more fails the run (a cut list would look like removals). */
    @WithDefault("250000")
    @Min(1)
    @Max(10_000_000)
    int maxEntries();

    /** Runs in a row a source may miss an entry before the entry is disabled (never deleted). */
    @WithDefault("3")
    @Min(1)
    @Max(1000)
    int maxMissedRuns();

    /** Most M3U links an HTML page may point to; each is followed once, never recursively. */
    @WithDefault("5")
    @Min(0)
    @Max(100)
    int maxFollowedLinks();

    /** Run records kept per source; older ones are deleted when a run is recorded. */
    @WithDefault("50")
    @Min(1)
    @Max(10_000)
    int keepRuns();

    /**
     * The earlier name of {@code polyplex.secrets.key}, still read by it (see application.properties);
     * nothing here uses it.
     */
    Optional<String> secretKey();

    /** The earlier name of {@code polyplex.secrets.key-file}, still read by it; nothing here uses it. */
    Optional<String> keyFile();

    /** HTTP fetching. */
    Fetch fetch();

    /** Liveness probing of channel sources. */
    Probe probe();

    /** Seasons and episodes of provider (Xtream) series. */
    Series series();

    /** Which internal destinations scraped content may name (see {@code docs/scraping.md}). */
    Ssrf ssrf();

    /**
     * Destinations that URLs from scraped content (channel sources in a document, playlist links
     * an HTML page points to, redirects) may not reach. The host of the source URL an admin
     * configured is always trusted, and admins may add any URL by hand.
     */
    interface Ssrf {

        /**
         * Whether scraped URLs may name loopback (127.0.0.0/8, ::1, 0.0.0.0, or a name that resolves
         * there). Default false: a list could otherwise make Polyplex fetch its own admin API or local
         * services. True only when local services are meant to be scraped from other hosts' lists.
         */
        @WithDefault("false")
        boolean allowLoopback();

        /**
         * Whether scraped URLs may name link-local addresses (169.254.0.0/16, fe80::/10), home of
         * cloud metadata services that hand out credentials. Default false.
         */
        @WithDefault("false")
        boolean allowLinkLocal();

        /**
         * Whether scraped URLs may name private networks (10/8, 172.16/12, 192.168/16, 100.64/10,
         * fc00::/7). Default false; set true when public lists on other hosts point at streams on
         * your LAN (a list on the LAN host itself needs nothing: its host is trusted).
         */
        @WithDefault("false")
        boolean allowPrivate();
    }

    /** HTTP fetching of lists and provider APIs. */
    interface Fetch {

        /** TCP connect timeout. */
        @WithDefault("10s")
        @DurationMin(millis = 1)
        Duration connectTimeout();

        /** Deadline for one whole response, headers and body. */
        @WithDefault("120s")
        @DurationMin(millis = 1)
        Duration timeout();

        /** Largest body read (after gzip decoding); a bigger response fails the run. */
        @WithDefault("128M")
        MemorySize maxBodySize();

        /**
         * Largest HTML page parsed. HTML is read into a whole jsoup document, which takes about
         * five times the page's size in heap (measured: 16 MB of links, 64 MB of DOM), so pages
         * have a lower cap than JSON and M3U lists, which are read as streams. Default 16M; raise
         * it only with the heap.
         */
        @WithDefault("16M")
        MemorySize maxHtmlSize();

        /** Redirects followed per request; only to http(s). */
        @WithDefault("5")
        @Min(0)
        @Max(20)
        int maxRedirects();

        /** User-Agent sent with every request. */
        @WithDefault("Polyplex/0.1 (IPTV middleware)")
        String userAgent();
    }

    /**
     * Seasons and episodes of provider series: one {@code get_series_info} request per series that
     * is new or whose {@code last_modified} changed since its episodes were last read. A series
     * whose request fails keeps what it had and is read again next run.
     */
    interface Series {

        /** Whether provider imports read series episodes at all. */
        @WithDefault("true")
        boolean enabled();

        /** {@code get_series_info} requests in flight at once, per run (providers throttle bursts). */
        @WithDefault("4")
        @Min(1)
        @Max(32)
        int concurrency();

        /** Deadline for one {@code get_series_info} response, headers and body. */
        @WithDefault("20s")
        @DurationMin(millis = 1)
        Duration timeout();

        /** Largest {@code get_series_info} body (after gzip decoding); a bigger one fails that series only. */
        @WithDefault("4M")
        MemorySize maxBodySize();

        /** Most series read in one run; the others (changed or new) are read by the next runs. */
        @WithDefault("2000")
        @Min(1)
        @Max(1_000_000)
        int maxPerRun();

        /** Most episodes one series may list; more fails that series (it keeps what it had). */
        @WithDefault("5000")
        @Min(1)
        @Max(100_000)
        int maxEpisodes();

        /** Most episodes one run holds; once reached, the series not yet read wait for the next run. */
        @WithDefault("250000")
        @Min(1)
        @Max(10_000_000)
        int maxEpisodesPerRun();
    }

    /** Liveness probing: a short GET per http(s) channel source, setting {@code is_online}. */
    interface Probe {

        /** Whether probing runs on its schedule. */
        @WithDefault("false")
        boolean enabled();

        /** How often all sources are probed; also set as a raw property for the scheduler. */
        @WithDefault("30m")
        @DurationMin(seconds = 1)
        Duration every();

        /** Probes in flight at once, over all sources. */
        @WithDefault("4")
        @Min(1)
        @Max(256)
        int concurrency();

        /** Time a probe waits for the response headers. */
        @WithDefault("5s")
        @DurationMin(millis = 1)
        Duration timeout();
    }
}
