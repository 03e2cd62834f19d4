package org.polyplex.xtream;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where apps reach this server: scheme, host (no port) and port, from configuration or else from
 * the request's {@code Host} header. Pure.
 */
public record ServerAddress(String scheme, String host, int port) {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]{1,255}");

    /**
     * @param requestScheme scheme the request arrived with
     * @param hostHeader the request's {@code Host} header, may be null
     */
    public static ServerAddress of(XtreamConfig config, String requestScheme, String hostHeader) {
        String scheme = config.publicScheme().orElse(requestScheme == null ? "http" : requestScheme)
                .toLowerCase(Locale.ROOT);
        int defaultPort = scheme.equals("https") ? 443 : 80;
        String host = "localhost";
        int port = defaultPort;
        if (hostHeader != null && !hostHeader.isBlank()) {
            String h = hostHeader.strip();
            int colon = h.lastIndexOf(':');
            boolean ipv6 = h.startsWith("[");
            if (colon > 0 && (!ipv6 || h.lastIndexOf(']') < colon)) {
                host = h.substring(0, colon);
                port = parsePort(h.substring(colon + 1), defaultPort);
            } else {
                host = h;
            }
        }
        if (!HOST.matcher(host).matches()) {
            // a Host header is client input: never echo anything but a host name into playlists
            host = "localhost";
        }
        return new ServerAddress(scheme, config.publicHost().orElse(host), config.publicPort().orElse(port));
    }

    /** {@code http://host:port}, the prefix of every URL we hand out. */
    public String baseUrl() {
        return scheme + "://" + host + ":" + port;
    }

    private static int parsePort(String value, int fallback) {
        try {
            int port = Integer.parseInt(value);
            return port > 0 && port < 65536 ? port : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
