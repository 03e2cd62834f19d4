package org.polyplex.accounts;

import java.time.Duration;

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
    Duration tokenTtl();

    /**
     * Folder of the token signing key pair ({@code private.pem}, {@code public.pem}); generated on
     * first start when missing. Relative to the working directory.
     */
    @WithDefault("data/jwt")
    String keyDir();

    /** bcrypt cost factor for new password hashes (each +1 doubles the work). */
    @WithDefault("10")
    int bcryptCost();

    /** Failed-login throttling. */
    LoginLimit loginLimit();

    /** Failed logins allowed per window before answers turn to 429. */
    interface LoginLimit {

        /** Failed logins per username within {@link #window()}. */
        @WithDefault("5")
        int perUsername();

        /** Failed logins per client address within {@link #window()}. */
        @WithDefault("20")
        int perAddress();

        /** Length of the counting window; a blocked key is free again when it ends. */
        @WithDefault("PT15M")
        Duration window();

        /** Most usernames plus addresses tracked at once; the oldest windows are dropped beyond it. */
        @WithDefault("10000")
        int maxTracked();
    }
}
