package org.polyplex.platform.http;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Which peers may say who the client is. Behind a reverse proxy (nginx, Caddy, a load balancer)
 * every request comes from the proxy's address; the proxy names the real client in a header,
 * but any client can send that header too, so it is believed only from the addresses listed
 * here. Every value is checked at start-up: a bad one stops the start, naming the key.
 */
@ConfigMapping(prefix = "polyplex.http")
public interface ClientAddressConfig {

    /**
     * Addresses and CIDR blocks of the reverse proxies in front of this server, comma-separated
     * ({@code 127.0.0.1,10.0.0.0/8,fd00::/8}). Requests from them are attributed to the client
     * their {@link #forwardedHeader()} names: the right-most hop that is not itself a trusted
     * proxy. Unset (the default): nobody is trusted and the socket's peer is the client, whatever
     * the headers say. Only list proxies that overwrite or append to the header.
     */
    Optional<List<IpRange>> trustedProxies();

    /**
     * The header the trusted proxies write: {@code x-forwarded-for} (the default; nginx
     * {@code $proxy_add_x_forwarded_for}, most load balancers) or {@code forwarded} (RFC 7239).
     * Only this one is read: a header the proxy does not write passes through it untouched from
     * the client and must not be believed.
     */
    @WithDefault("x-forwarded-for")
    ForwardedHeader forwardedHeader();

    /** The header that carries the chain of hops. */
    enum ForwardedHeader {
        X_FORWARDED_FOR,
        FORWARDED
    }
}
