package org.polyplex.ingest.keys;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Stream keys: the secret their verifiers are made with, how many a stream has, failed attempts. */
@ConfigMapping(prefix = "polyplex.ingest")
public interface KeyConfig {

    /**
     * The file holding the server secret that stream key verifiers are HMACs under (32 random
     * bytes, base64), created owner-only on first use. Keep it with the database: without it no
     * stored key verifies, and every stream needs new keys.
     */
    @WithName("key-secret-file")
    @WithDefault("data/ingest-key-secret.key")
    String keySecretFile();

    /** Keys a stream may have at once (revoked ones do not count); more answers 409. */
    @WithName("max-keys-per-stream")
    @WithDefault("10")
    @Min(1)
    @Max(1000)
    int maxKeysPerStream();

    /** The limit on failed key checks per client address. */
    @WithName("key-limit")
    Limit limit();

    /** Failed publishes per address, after which the address is refused without checking. */
    interface Limit {

        /** Failed key checks an address may make within {@link #window()}; the next are refused. */
        @WithDefault("10")
        @Min(1)
        @Max(100_000)
        int maxFailures();

        /** How long failures count: an address is refused until the window of its first failure passes. */
        @WithDefault("1m")
        @DurationMin(seconds = 1)
        @DurationMax(hours = 24)
        Duration window();

        /**
         * Addresses remembered at once (memory bound); past it the one seen least recently is
         * forgotten, so a flood from many addresses cannot grow the table.
         */
        @WithDefault("10000")
        @Min(100)
        @Max(1_000_000)
        int maxAddresses();
    }
}
