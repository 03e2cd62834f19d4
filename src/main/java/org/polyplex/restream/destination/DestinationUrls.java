package org.polyplex.restream.destination;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

import org.polyplex.platform.web.ApiException;

/**
 * The URL grammar of destinations: a base URL is {@code rtmp://} or {@code rtmps://} with a host,
 * no user info and no fragment; the URL ffmpeg publishes to is {@code base + "/" + key} (the
 * preset's base unless overridden). Pure.
 */
public final class DestinationUrls {

    static final int MAX_URL = 1000;
    static final int MAX_KEY = 500;
    private static final Set<String> SCHEMES = Set.of("rtmp", "rtmps");

    private DestinationUrls() {
    }

    /** The base URL in use: the override when given, else the preset's; a 400 for custom without a URL. */
    public static String base(Preset preset, String override) {
        if (override != null && !override.isBlank()) {
            return override.strip();
        }
        return preset.base().orElseThrow(() -> ApiException.invalid("url", "is required for the custom preset"));
    }

    /** The URL to publish to: the base, a slash, the key; the base alone when there is no key. */
    public static String publishUrl(String base, String key) {
        if (key == null || key.isEmpty()) {
            return base;
        }
        return (base.endsWith("/") ? base : base + "/") + key;
    }

    /** Checks an admin's base URL; a 400 naming {@code url} when it is not a usable RTMP(S) URL. */
    public static String validateBase(String url) {
        String u = url.strip();
        if (u.length() > MAX_URL) {
            throw ApiException.invalid("url", "has at most " + MAX_URL + " characters");
        }
        URI uri;
        try {
            uri = new URI(u);
        } catch (URISyntaxException e) {
            throw ApiException.invalid("url", "is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw ApiException.invalid("url", "must start with rtmp:// or rtmps://");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw ApiException.invalid("url", "has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw ApiException.invalid("url", "must not carry user:password@ (put secrets in streamKey)");
        }
        if (uri.getRawFragment() != null) {
            throw ApiException.invalid("url", "must not have a #fragment");
        }
        if (uri.getRawPath() == null || uri.getRawPath().length() <= 1) {
            throw ApiException.invalid("url", "needs an application path, such as rtmp://host/live");
        }
        return u;
    }

    /** Checks a stream key: printable, no white space, no slash at either end; a 400 naming {@code streamKey}. */
    public static String validateKey(String key) {
        if (key.length() > MAX_KEY) {
            throw ApiException.invalid("streamKey", "has at most " + MAX_KEY + " characters");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw ApiException.invalid("streamKey", "must be printable ASCII without spaces");
            }
        }
        if (key.startsWith("/") || key.endsWith("/")) {
            throw ApiException.invalid("streamKey", "must not start or end with a slash");
        }
        return key;
    }
}
