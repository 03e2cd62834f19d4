package org.polyplex.catalog.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Validates and normalises channel source URLs. Pure. */
public final class SourceUrls {

    private static final Pattern ACESTREAM = Pattern.compile("acestream://([0-9a-f]{40})", Pattern.CASE_INSENSITIVE);

    private SourceUrls() {
    }

    /**
     * Returns the URL in canonical form (AceStream ids in lower case), or {@code null} when it is
     * neither an absolute http(s) URL with a host nor {@code acestream://} with a 40-hex id.
     */
    public static String normalize(String url) {
        String trimmed = url.trim();
        var ace = ACESTREAM.matcher(trimmed);
        if (ace.matches()) {
            return "acestream://" + ace.group(1).toLowerCase(Locale.ROOT);
        }
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return trimmed;
            }
        } catch (URISyntaxException e) {
            return null;
        }
        return null;
    }
}
