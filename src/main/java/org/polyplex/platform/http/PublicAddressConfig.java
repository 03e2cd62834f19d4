package org.polyplex.platform.http;

import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import io.smallrye.config.ConfigMapping;

/**
 * Where apps reach this server, for every URL we hand out ({@code server_info}, playlists, stream
 * and guide links). The keys keep the {@code polyplex.xtream.} prefix they have always had: they
 * describe the address the Xtream surface advertises.
 */
@ConfigMapping(prefix = "polyplex.xtream")
public interface PublicAddressConfig {

    /**
     * Public host name (no scheme, no port) for {@code server_info.url} and for the URLs in
     * playlists; when unset, the request's {@code Host} header is used.
     */
    Optional<@Pattern(regexp = "[A-Za-z0-9.\\-\\[\\]:]{1,255}") String> publicHost();

    /** Public HTTP port; when unset, the port of the request's {@code Host} (or 80/443 by scheme). */
    Optional<@Min(1) @Max(65535) Integer> publicPort();

    /** Public scheme ({@code http} or {@code https}); when unset, the request's scheme. */
    Optional<@Pattern(regexp = "(?i)https?") String> publicScheme();
}
