package org.polyplex.catalog.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.polyplex.platform.AceStreamId;

/** Validates and normalises channel source URLs. Pure. */
public final class SourceUrls {

    private SourceUrls() {
    }

    /**
     * Returns the URL in canonical form (AceStream ids in lower case), or {@code null} when it is
     * neither an absolute http(s) URL with a host nor {@code acestream://} with a 40-hex id.
     */
    public static String normalize(String url) {
        String trimmed = url.trim();
        var ace = AceStreamId.fromUrl(trimmed).map(AceStreamId::toUrl);
        if (ace.isPresent()) {
            return ace.get();
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
