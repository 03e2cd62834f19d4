package org.polyplex.proxy.config;

import java.time.Duration;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import io.quarkus.runtime.configuration.MemorySize;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Bounds and policies of the fan-out stream proxy. Every bound of the data plane is here. */
@ConfigMapping(prefix = "polyplex.proxy")
public interface ProxyConfig {

    Upstream upstream();

    Session session();

    Viewer viewer();

    Failover failover();

    Limits limits();

    HlsOutput hlsOutput();

    Memory memory();

    /** Connecting to and reading from a channel source. */
    interface Upstream {

        /** TCP connect timeout to a source. */
        @WithDefault("5s")
        @DurationMin(millis = 1)
        Duration connectTimeout();

        /** Time from the request to response headers and to the first byte of the body. */
        @WithDefault("5s")
        @DurationMin(millis = 1)
        Duration firstByteTimeout();

        /** No data for this long on a streaming source means it is dead: fail over. */
        @WithDefault("3s")
        @DurationMin(millis = 1)
        Duration idleTimeout();

        /** No keyframe for this long after connecting means the source is unusable. */
        @WithDefault("10s")
        @DurationMin(millis = 1)
        Duration keyframeTimeout();

        /** HTTP redirects followed per connection; more is treated as a redirect loop. */
        @WithDefault("5")
        @PositiveOrZero
        int maxRedirects();

        /** Bytes of non-TS data tolerated between packets before the source is rejected. */
        @WithDefault("65536")
        @PositiveOrZero
        long maxJunkBytes();
    }

    /** Channel sessions: one upstream fanned out to many viewers. */
    interface Session {

        /** How long a session keeps its upstream after its last viewer left. */
        @WithDefault("5s")
        @DurationMin(millis = 0)
        Duration linger();

        /** Bytes of recent stream kept per session (ring and GOP cache). */
        @WithDefault("8388608")
        @Min(188)
        long ringBytes();

        /** Chunks kept per session, whatever their size. */
        @WithDefault("4096")
        @Positive
        int ringChunks();

        /** Upstream sessions this node runs at once; more answers 503. */
        @WithDefault("500")
        @Positive
        int maxSessions();

        /** Viewers of one session; more answers 503. */
        @WithDefault("5000")
        @Positive
        int maxViewers();

        /** Period of the housekeeping timer (timeouts, stalls, keepalive, counters). */
        @WithDefault("250ms")
        @DurationMin(millis = 1)
        Duration tick();
    }

    /** One viewer's connection. */
    interface Viewer {

        /** Bytes queued in a viewer's socket before it counts as not keeping up. */
        @WithDefault("524288")
        @Positive
        int maxPendingBytes();

        /** How far a viewer may fall behind live before the slow-viewer policy applies. */
        @WithDefault("4194304")
        @Positive
        long maxLagBytes();

        /** What happens to a viewer behind by more than max-lag-bytes. */
        @WithDefault("skip")
        SlowPolicy slowPolicy();

        /** A viewer whose socket accepts nothing for this long is a ghost and is closed. */
        @WithDefault("5s")
        @DurationMin(millis = 1)
        Duration writeStallTimeout();

        /**
         * Upstream bytes are gathered into one chunk, written to every viewer at once, until it
         * holds this many (0: one chunk per upstream read).
         */
        @WithDefault("65536")
        @Min(0)
        @Max(1048576)
        int coalesceBytes();

        /** ... or until its first byte is this old (0: one chunk per upstream read). */
        @WithDefault("100ms")
        @DurationMin(millis = 0)
        @DurationMax(millis = 1000)
        Duration coalesceDelay();
    }

    /** Moving a session to the next source. */
    interface Failover {

        /** Null packets are sent this often to viewers while no source delivers. */
        @WithDefault("500ms")
        @DurationMin(millis = 1)
        Duration keepaliveInterval();

        /** Null-packet keepalive stops after this long without a source. */
        @WithDefault("15s")
        @DurationMin(millis = 0)
        Duration keepaliveMax();

        /** First delay before a failed source is tried again; doubles per failure. */
        @WithDefault("1s")
        @DurationMin(millis = 0)
        Duration backoffInitial();

        /** Upper bound of the per-source retry delay. */
        @WithDefault("30s")
        @DurationMin(millis = 0)
        Duration backoffMax();

        /** Consecutive failures after which a source's circuit breaker opens. */
        @WithDefault("3")
        @Positive
        int breakerThreshold();

        /** How long an open circuit breaker keeps a source out of rotation. */
        @WithDefault("60s")
        @DurationMin(millis = 0)
        Duration breakerOpen();

        /**
         * While a later source of the list plays (after a failover), the earlier ones are retried in
         * the background and the session splices back to the first that delivers a keyframe.
         */
        @WithDefault("true")
        boolean returnToEarlier();

        /** First background retry of the earlier sources after a failover; doubles per failed retry. */
        @WithDefault("5s")
        @DurationMin(millis = 100)
        Duration returnRetry();

        /** Upper bound of the background retry delay. */
        @WithDefault("30s")
        @DurationMin(millis = 100)
        Duration returnRetryMax();

        /** An MPEG-TS file played to viewers while every source is down, instead of ending them. */
        Optional<String> fallbackSlate();

        /** How long the fallback slate plays, while sources are retried, before viewers are ended. */
        @WithDefault("60s")
        @DurationMin(millis = 0)
        Duration slateMax();

        /** Bit rate the slate file is played at, in bits per second. */
        @WithDefault("2000000")
        @Min(8000)
        long slateBitrate();
    }

    /** Per-user connection limits, counted in slots: one channel from one client address. */
    interface Limits {

        /**
         * Over a user's max connections (slots): refuse with 403, or end the viewers of the user's
         * oldest slot (another channel or address).
         */
        @WithDefault("refuse")
        LimitPolicy policy();

        /**
         * Viewers of one user watching one channel from one client address share one connection
         * slot (the screens of one home, a player that probes then plays, a reconnect): at most
         * this many of them; one more is refused with 403 {@code max_shared_viewers}, and those
         * already watching keep playing. Five covers the screens a home puts on one channel plus
         * the moment a probe or a reconnect overlaps its predecessor; more would let one line feed
         * a whole building behind one address.
         */
        @WithDefault("5")
        @Min(1)
        @Max(1000)
        int maxSharedViewers();

        /**
         * Retired: the same user, channel and address within this window used to replace the
         * earlier viewer; such viewers now share a slot whenever they come. Still accepted, so
         * that a configuration that sets it starts, and ignored with a warning at start-up.
         */
        Optional<@DurationMin(millis = 0) Duration> sameViewerWindow();
    }

    /** HLS output: every channel as a live media playlist cut from its session's ring. */
    interface HlsOutput {

        /** Segments are cut at the first keyframe at least this long after the previous cut. */
        @WithDefault("4s")
        @DurationMin(millis = 1)
        Duration targetDuration();

        /** Finished segments kept in memory per channel (the playlist window). */
        @WithDefault("6")
        @Positive
        int windowSegments();

        /** Bytes of finished segments kept per channel, whatever their count (at least one is kept). */
        @WithDefault("67108864")
        @Positive
        long windowBytes();

        /** An HLS viewer stays counted while it fetched a playlist or segment within this window. */
        @WithDefault("20s")
        @DurationMin(millis = 1)
        Duration viewerWindow();

        /** How long a playlist request waits for a new session's first segment before 503. */
        @WithDefault("20s")
        @DurationMin(millis = 0)
        Duration firstSegmentWait();
    }

    /** The node's bound on the buffers of all its sessions and viewers together. */
    interface Memory {

        /**
         * Bytes the sessions' rings, HLS output windows and TS viewers (a connection's share, their
         * write bound once they fall behind) may reserve in total; a viewer or session that does
         * not fit answers 503 {@code memory_budget}, a viewer whose backlog does not fit is
         * evicted. Unset:
         * half of the JVM's maximum heap, where these buffers live, leaving the other half to the
         * rest of the application. Must hold at least one ring and one write bound.
         */
        Optional<MemorySize> maxBufferBytes();
    }

    /** What to do with a viewer that falls too far behind. */
    enum SlowPolicy {
        /** Jump to the newest keyframe in the ring (counted as a skip). */
        SKIP,
        /** Close the connection (counted as an eviction). */
        EVICT
    }

    /** What to do when a user opens more viewers than allowed. */
    enum LimitPolicy {
        REFUSE,
        REPLACE_OLDEST
    }
}
