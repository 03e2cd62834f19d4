package org.polyplex.accounts;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The admin account created on first start, when the database holds no user at all. */
@ConfigMapping(prefix = "polyplex.admin")
public interface AdminConfig {

    /** Username of the first admin. */
    @WithDefault("admin")
    String username();

    /**
     * Password of the first admin (env {@code POLYPLEX_ADMIN_PASSWORD}). When absent, one is
     * generated and logged once, at first start only.
     */
    Optional<String> password();
}
