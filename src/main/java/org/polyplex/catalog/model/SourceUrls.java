package org.polyplex.catalog.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

import org.polyplex.platform.AceStreamId;

/**
 * Validates and normalises channel source URLs. Pure.
 *
 * <p>
 * Lenient the way players are: {@code java.net.URI} refuses URLs that VLC, ffmpeg and browsers
 * open every day, such as host names with {@code _} (CDN edge names), {@code {{placeholders}}} in
 * query strings, or a stray {@code ]} at the end. After the authority, characters that URI refuses
 * ({@code { } [ ] | \ ^ ` < > "}, and a {@code %} that starts no escape) are percent-encoded, as a
 * WHATWG parser does when it sends the request; a host may hold {@code _}. Refused is what no
 * player could open: another scheme, no host, white space or control characters.
 */
public final class SourceUrls {

    /** Characters after the authority that URI refuses and players send percent-encoded. */
    private static final String ENCODED = "{}[]|\\^`<>\"";
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");
    private static final Pattern HEX2 = Pattern.compile("[0-9A-Fa-f]{2}");

    private SourceUrls() {
    }

    /**
     * Returns the URL in canonical form (AceStream ids in lower case, what URI refuses after the
     * authority percent-encoded), or {@code null} when it is neither an absolute http(s) or rtsp(s)
     * URL with a host nor {@code acestream://} with a 40-hex id.
     */
    public static String normalize(String url) {
        String trimmed = url.trim();
        var ace = AceStreamId.fromUrl(trimmed).map(AceStreamId::toUrl);
        if (ace.isPresent()) {
            return ace.get();
        }
        String lenient = encodeAfterAuthority(trimmed);
        if (lenient == null) {
            return null;
        }
        try {
            URI uri = new URI(lenient);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean known = scheme.equals("http") || scheme.equals("https") || scheme.equals("rtsp")
                    || scheme.equals("rtsps");
            if (known && host(uri) != null) {
                return lenient;
            }
        } catch (URISyntaxException e) {
            return null;
        }
        return null;
    }

    /**
     * The host of a URL as players read it, or null: URI's own, or for an authority URI keeps
     * whole (a {@code _} in a label makes it "registry-based"), its host part when every label is
     * letters, digits, {@code -} and {@code _}.
     */
    public static String host(String url) {
        try {
            return host(new URI(url));
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String host(URI uri) {
        if (uri.getHost() != null) {
            return uri.getHost();
        }
        String authority = uri.getRawAuthority();
        if (authority == null) {
            return null;
        }
        String host = authority.substring(authority.lastIndexOf('@') + 1).replaceFirst(":\\d{1,5}$", "");
        String bare = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (bare.isEmpty() || bare.length() > 253) {
            return null;
        }
        for (String label : bare.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return null;
            }
        }
        return host;
    }

    /**
     * An http(s) URL with what URI refuses after its authority percent-encoded; other text as it
     * is; null when it holds white space or control characters (no player sends those).
     */
    private static String encodeAfterAuthority(String url) {
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                return null;
            }
        }
        int scheme = url.indexOf("://");
        String head = scheme < 0 ? "" : url.substring(0, scheme).toLowerCase(Locale.ROOT);
        if (!head.equals("http") && !head.equals("https")) {
            return url;
        }
        int pathStart = url.length();
        for (int i = scheme + 3; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                pathStart = i;
                break;
            }
        }
        StringBuilder out = null;
        for (int i = pathStart; i < url.length(); i++) {
            char c = url.charAt(i);
            boolean badEscape = c == '%' && !(i + 3 <= url.length() && HEX2.matcher(url.substring(i + 1, i + 3)).matches());
            boolean encode = badEscape || ENCODED.indexOf(c) >= 0;
            if (encode && out == null) {
                out = new StringBuilder(url.length() + 16).append(url, 0, i);
            }
            if (encode) {
                out.append('%').append(String.format("%02X", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? url : out.toString();
    }
}
