package org.polyplex.proxy.upstream.ace;

import java.time.Duration;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How Polyplex talks to the AceStream engine and when it gives up on an engine session. */
@ConfigMapping(prefix = "polyplex.acestream")
public interface AceStreamConfig {

    /**
     * Whether {@code acestream://} sources are played on this node. Off: they are skipped to the
     * channel's next source at once (a node without an engine).
     */
    @WithDefault("true")
    boolean enabled();

    /** Base URL of the engine's HTTP API. */
    @WithDefault("http://127.0.0.1:6878")
    @Pattern(regexp = "https?://.+", message = "must be an http(s) URL")
    String engineUrl();

    /** Bound on each engine API answer (getstream, stat, stop, version): no byte for this long fails it. */
    @WithDefault("10s")
    @DurationMin(millis = 1)
    Duration requestTimeout();

    /** Largest engine API answer read, in bytes; a bigger one is garbage. */
    @WithDefault("65536")
    @Positive
    int maxAnswerBytes();

    /** How often the session's {@code stat_url} is polled. */
    @WithDefault("1s")
    @DurationMin(millis = 1)
    Duration statInterval();

    /**
     * Longest prebuffering (at start or later) before the session fails over. It also widens the
     * proxy's first-byte and keyframe bounds for AceStream sources; keep it below
     * {@code polyplex.proxy.failover.keepalive-max}, which ends viewers when no source plays.
     */
    @WithDefault("12s")
    @DurationMin(millis = 0)
    Duration prebufMax();

    /** Longest time with 0 peers before the session fails over. */
    @WithDefault("15s")
    @DurationMin(millis = 0)
    Duration noPeersMax();

    /** Longest time the live position ({@code livepos.pos}) may stand still before failover. */
    @WithDefault("10s")
    @DurationMin(millis = 0)
    Duration liveposStallMax();

    /** Consecutive unanswered or unreadable stat polls before failover. */
    @WithDefault("3")
    @Positive
    int maxStatFailures();
}
