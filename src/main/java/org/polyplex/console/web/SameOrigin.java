package org.polyplex.console.web;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The cross-site request check of every console {@code POST}: the browser's {@code Origin} (or,
 * when a browser sends none, the origin of its {@code Referer}) must be one this server answers
 * at. A request with neither is refused: every browser sends one of them on a form post, and the
 * console serves browsers only. Pure.
 */
public final class SameOrigin {

    private SameOrigin() {
    }

    /**
     * @param origin the {@code Origin} header or null
     * @param referer the {@code Referer} header or null
     * @param own the origins this server answers at, as {@code scheme://host:port}
     */
    public static boolean allowed(String origin, String referer, String... own) {
        Optional<String> claimed = origin != null && !origin.isBlank() ? normalize(origin)
                : referer != null && !referer.isBlank() ? normalize(referer) : Optional.empty();
        if (claimed.isEmpty()) {
            return false;
        }
        for (String candidate : own) {
            if (normalize(candidate).equals(claimed)) {
                return true;
            }
        }
        return false;
    }

    /** {@code scheme://host:port} of a URL, lower case and with the scheme's default port made explicit. */
    static Optional<String> normalize(String url) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null) {
                return Optional.empty();
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return Optional.empty();
            }
            int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            return Optional.of(scheme + "://" + host.toLowerCase(Locale.ROOT) + ":" + port);
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
