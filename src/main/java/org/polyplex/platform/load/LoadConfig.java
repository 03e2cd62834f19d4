package org.polyplex.platform.load;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Bounds on what the Xtream control plane ({@code player_api.php}, {@code panel_api.php},
 * {@code get.php}, {@code xmltv.php}) runs at once, so that no subscriber, address or crowd can
 * starve the live streams that share the machine (docs/xtream.md, "Load limits").
 */
@ConfigMapping(prefix = "polyplex.load")
public interface LoadConfig {

    /**
     * Requests one client address may have open at once on the Xtream control plane; more answer
     * {@code 429} with {@code Retry-After}. A home behind one router counts once, so leave room for
     * a few apps starting together. Default 16.
     */
    @WithDefault("16")
    @Min(1)
    int perAddress();

    /**
     * Requests one line (subscriber account) may have open at once, from any address; more answer
     * {@code 429}. Apps start with three to five parallel calls. Keeps one line from holding the
     * database pool ({@code quarkus.datasource.jdbc.max-size}, 16). Default 4.
     */
    @WithDefault("4")
    @Min(1)
    int perLine();

    /** Large answers: full lists, playlists and guides. */
    Heavy heavy();

    interface Heavy {

        /**
         * Large answers being sent at once, over all clients. Each holds a worker thread while its
         * client reads, so this stays well below the worker pool (200 threads by default). Default 32.
         */
        @WithDefault("32")
        @Min(1)
        @Max(1000)
        int inFlight();

        /**
         * Large answers that wait for a place once {@code in-flight} are being sent; beyond this
         * they answer {@code 503} with {@code Retry-After} at once. Waiting also holds a worker
         * thread. Default 32.
         */
        @WithDefault("32")
        @Min(0)
        @Max(1000)
        int queue();

        /** How long a large answer waits for a place before it answers {@code 503}. Default 10 s. */
        @WithDefault("10s")
        @DurationMin(millis = 1)
        Duration queueTimeout();

        /**
         * Large answers whose bytes are produced at the same moment (CPU), the rest wait between
         * chunks. Sending is not counted: a slow reader does not hold a builder. One or two keep the
         * event loops, which carry every live stream, from being crowded out of the CPU. Default 2.
         */
        @WithDefault("2")
        @Min(1)
        @Max(64)
        int builders();

        /** Bytes produced under one builder turn, then handed to the connection. Default 64 KiB. */
        @WithDefault("65536")
        @Min(4096)
        @Max(4194304)
        int chunkSize();
    }
}
