package org.polyplex.accounts;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Admin tokens, password hashing and login throttling. */
@ConfigMapping(prefix = "polyplex.auth")
public interface AuthConfig {

    /** Issuer written into and required from every token. */
    @WithDefault("polyplex")
    String issuer();

    /** Lifetime of an admin token. */
    @WithDefault("PT1H")
    @DurationMin(seconds = 1)
    Duration tokenTtl();

    /**
     * Folder of the token signing key pair ({@code private.pem}, {@code public.pem}); generated on
     * first start when missing. Relative to the working directory.
     */
    @WithDefault("data/jwt")
    String keyDir();

    /** bcrypt cost factor for new password hashes (each +1 doubles the work). */
    @WithDefault("10")
    @Min(4)
    @Max(31)
    int bcryptCost();

    /** Failed-login throttling of admin logins ({@code POST /api/auth/token}). */
    LoginLimit loginLimit();

    /** Bad-login throttling of every entry point that takes line (Xtream) credentials. */
    LineLimit lineLimit();

    /**
     * Failed admin logins allowed per window before answers turn to 429, checked before the
     * password. Counted per (username, address) and per address, so that an attacker elsewhere
     * cannot lock the real admin out, plus a global bound per username that addresses which
     * logged in as that user within {@link #trustFor()} are exempt from.
     */
    interface LoginLimit {

        /**
         * Failed logins of one username from one address within {@link #window()}. Default 5.
         * Lower slows guessing from one place; higher forgives more typos.
         */
        @WithDefault("5")
        @Min(1)
        int perUsernameAndAddress();

        /**
         * Failed logins of one username from all addresses together within {@link #window()},
         * against guessing spread over many addresses. Addresses with a recent good login as that
         * user are not refused by it, so reaching it never locks the real admin out. Default 50.
         */
        @WithDefault("50")
        @Min(1)
        int perUsername();

        /**
         * Failed logins from one client address (any usernames) within {@link #window()}.
         * Default 20; an address shared by many admins (NAT) may need more.
         */
        @WithDefault("20")
        @Min(1)
        int perAddress();

        /** Length of the counting window; a blocked key is free again when it ends. Default 15 minutes. */
        @WithDefault("PT15M")
        @DurationMin(seconds = 1)
        Duration window();

        /**
         * How long a good login keeps its address exempt from the per-username bound. Default 30
         * days; longer keeps returning admins working through an attack, shorter forgets stale
         * addresses sooner.
         */
        @WithDefault("P30D")
        @DurationMin(millis = 0)
        Duration trustFor();

        /**
         * Most failure windows and most trusted (username, address) pairs kept, each; the oldest
         * are dropped beyond it. Default 10000 (about 1 MB at most).
         */
        @WithDefault("10000")
        @Positive
        int maxTracked();
    }

    /**
     * Bad line logins per client address (IPv6: per /64 network), shared by player_api.php,
     * panel_api.php, get.php, xmltv.php and every stream, VOD and HLS admission path. Over the
     * limit the address gets 429 until its window ends, for right and wrong passwords alike.
     */
    interface LineLimit {

        /**
         * Bad logins per address within {@link #window()}; 0 turns throttling off. Default 30:
         * a household of apps retrying a stale password stays well below it.
         */
        @WithDefault("30")
        @Min(0)
        int maxFailures();

        /** Length of the counting window. Default 5 minutes. */
        @WithDefault("PT5M")
        @DurationMin(seconds = 1)
        Duration window();

        /** Most addresses tracked at once; the oldest windows are dropped beyond it. Default 10000. */
        @WithDefault("10000")
        @Positive
        int maxTracked();

        /**
         * Longest username or password checked, in characters; longer ones are bad logins without
         * any hashing. Default 256 (accounts accept at most 64 and 128).
         */
        @WithDefault("256")
        @Min(128)
        @Max(4096)
        int maxCredentialLength();
    }
}
