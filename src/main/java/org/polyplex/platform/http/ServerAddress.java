package org.polyplex.platform.http;

import java.util.Locale;
import java.util.regex.Pattern;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;

/**
 * Where apps reach this server: scheme, host (no port) and port, from configuration or else from
 * the request's authority ({@code Host} header, or {@code :authority} on HTTP/2). Pure.
 */
public record ServerAddress(String scheme, String host, int port) {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]{1,255}");

    /** The address a request reached us at, with the configured public parts taking precedence. */
    public static ServerAddress of(PublicAddressConfig config, HttpServerRequest request) {
        return of(config, request.scheme(), request.authority());
    }

    /**
     * @param requestScheme scheme the request arrived with
     * @param authority the request's authority as Vert.x parsed it, may be null
     */
    public static ServerAddress of(PublicAddressConfig config, String requestScheme, HostAndPort authority) {
        String scheme = config.publicScheme().orElse(requestScheme == null ? "http" : requestScheme)
                .toLowerCase(Locale.ROOT);
        int defaultPort = scheme.equals("https") ? 443 : 80;
        String host = authority == null || authority.host() == null || authority.host().isBlank() ? "localhost"
                : authority.host();
        int port = authority == null || authority.port() <= 0 || authority.port() > 65535 ? defaultPort
                : authority.port();
        if (!HOST.matcher(host).matches()) {
            // the authority is client input: never echo anything but a host name into playlists
            host = "localhost";
        }
        return new ServerAddress(scheme, config.publicHost().orElse(host), config.publicPort().orElse(port));
    }

    /** {@code http://host:port}, the prefix of every URL we hand out. */
    public String baseUrl() {
        return scheme + "://" + host + ":" + port;
    }
}
