package org.polyplex.proxy.upstream.hls;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** HLS sources: how playlists and segments are fetched and when a source is given up. */
@ConfigMapping(prefix = "polyplex.hls")
public interface HlsConfig {

    Upstream upstream();

    /** Reading an HLS channel source. */
    interface Upstream {

        /**
         * Highest variant bandwidth (bits/s) picked from a master playlist: the best variant at or
         * under it, else the lowest. 0 means no limit (the best variant).
         */
        @WithDefault("0")
        @PositiveOrZero
        long maxBandwidth();

        /** Master playlists followed in a row before the source is rejected (master loops). */
        @WithDefault("3")
        @PositiveOrZero
        int maxMasterDepth();

        /** Largest playlist read, in bytes. */
        @WithDefault("1048576")
        @Positive
        int maxPlaylistBytes();

        /** Largest segment read, in bytes. */
        @WithDefault("33554432")
        @Positive
        int maxSegmentBytes();

        /** Largest key file read, in bytes (an AES-128 key is 16). */
        @WithDefault("1024")
        @Min(16)
        int maxKeyBytes();

        /** Bound on each playlist, key and segment request: no byte for this long fails it. */
        @WithDefault("10s")
        @DurationMin(millis = 1)
        Duration requestTimeout();

        /** How many segments from the live edge a new session starts (the newest is 1). */
        @WithDefault("3")
        @Positive
        int liveEdgeSegments();

        /**
         * A live playlist that adds no segment for this many target durations fails over (a
         * playlist that never advances).
         */
        @WithDefault("3")
        @Positive
        int staleTargetDurations();

        /** Distinct AES-128 keys remembered per session (each fetched once). */
        @WithDefault("8")
        @Positive
        int maxKeys();
    }
}
