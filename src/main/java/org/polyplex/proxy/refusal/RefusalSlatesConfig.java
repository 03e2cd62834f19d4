package org.polyplex.proxy.refusal;

import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Refusal slates: a short MPEG-TS video with the reason, answered instead of the JSON refusal on
 * the TS stream routes, for players that show nothing useful on a 403 or a 503. One switch and an
 * optional file per reason; off by default (the JSON refusal stays the contract). A configured
 * file is checked at start-up: missing, unreadable, too large or not MPEG-TS stops the start,
 * naming the key.
 */
@ConfigMapping(prefix = "polyplex.proxy.refusal-slates")
public interface RefusalSlatesConfig {

    /** The line has all its connections in use ({@code max_connections}, {@code max_shared_viewers}). */
    Reason connectionLimit();

    /** The line is past its expiry ({@code account_expired}). */
    Reason accountExpired();

    /** No source of the channel can be played here ({@code no_playable_source}). */
    Reason channelOffline();

    /** Largest slate file accepted, in bytes: each is held in memory for the life of the process. */
    @WithDefault("4194304")
    @Min(188)
    @Max(67108864)
    int maxFileBytes();

    /** One refusal reason's slate. */
    interface Reason {

        /** Answer this refusal with the slate on the TS stream routes. */
        @WithDefault("false")
        boolean enabled();

        /** An MPEG-TS file to play instead of the built-in slate; read once at start-up. */
        Optional<String> file();
    }
}
