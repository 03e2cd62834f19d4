package org.polyplex.platform.secrets;

import java.util.Optional;

import jakarta.validation.constraints.NotBlank;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The key of the secrets stored encrypted (see {@link SecretBox}). */
@ConfigMapping(prefix = "polyplex.secrets")
public interface SecretsConfig {

    /**
     * Base64 of a 128- or 256-bit AES key. When unset, a 256-bit key is generated on first use in
     * {@link #keyFile()}; keep that file with the database. {@code polyplex.scraping.secret-key}, its
     * earlier name, is still read.
     */
    Optional<String> key();

    /** Where the generated key lives (owner read/write only); the name is kept from its first use. */
    @WithDefault("data/scraping-secret.key")
    @NotBlank
    String keyFile();
}
