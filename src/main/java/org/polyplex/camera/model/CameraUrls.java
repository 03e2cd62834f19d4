package org.polyplex.camera.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Camera URLs: what an admin sends ({@code rtsp://user:pass@cam:554/path}, or an http(s) snapshot
 * URL) split into a URL without credentials, which is stored and shown, and the credentials, which
 * are encrypted; and the URL with credentials put back for the one process that connects. Pure.
 */
public final class CameraUrls {

    private static final Set<String> STREAM_SCHEMES = Set.of("rtsp", "rtsps");
    private static final Set<String> SNAPSHOT_SCHEMES = Set.of("http", "https");

    /** A URL without user info, and the credentials it held (null when none). */
    public record Split(String url, String username, String password) {
        @Override
        public String toString() {
            return "Split[" + url + ", user=" + username + ", password=" + (password == null ? "none" : "***") + "]";
        }
    }

    private CameraUrls() {
    }

    /** An {@code rtsp://} or {@code rtsps://} URL with a host, split; null when it is not one. */
    public static Split stream(String url) {
        return split(url, STREAM_SCHEMES);
    }

    /** An {@code http://} or {@code https://} URL with a host, split; null when it is not one. */
    public static Split snapshot(String url) {
        return split(url, SNAPSHOT_SCHEMES);
    }

    private static Split split(String url, Set<String> schemes) {
        if (url == null || url.isBlank() || url.length() > 2048) {
            return null;
        }
        for (int i = 0; i < url.length(); i++) {
            if (Character.isWhitespace(url.charAt(i)) || Character.isISOControl(url.charAt(i))) {
                return null;
            }
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!schemes.contains(scheme) || uri.getHost() == null || uri.getRawFragment() != null) {
                return null;
            }
            String userInfo = uri.getRawUserInfo();
            String user = null;
            String password = null;
            if (userInfo != null) {
                int colon = userInfo.indexOf(':');
                user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
                password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
            }
            String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]"
                    : uri.getHost();
            String clean = scheme + "://" + host + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                    + (uri.getRawPath() == null ? "" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            return new Split(clean, blankToNull(user), blankToNull(password));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The URL with the credentials as user info (percent-encoded), for the process that connects;
     * never logged or stored. The URL as it is when there is no username.
     */
    public static String withCredentials(String url, String username, String password) {
        if (username == null || username.isEmpty()) {
            return url;
        }
        int start = url.indexOf("://") + 3;
        String info = encode(username) + (password == null ? "" : ":" + encode(password));
        return url.substring(0, start) + info + "@" + url.substring(start);
    }

    /** Percent-encodes all but RFC 3986 unreserved characters. */
    static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
