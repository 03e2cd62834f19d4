package org.polyplex.catalog.vod;

import java.util.Locale;

import org.polyplex.catalog.model.SourceUrls;
import org.polyplex.platform.web.ApiException;

/** Checks shared by movie and series writes. */
final class VodInputs {

    /** Container extensions end up in stream URLs: letters and digits only. */
    static final String EXTENSION = "[A-Za-z0-9]{1,10}";

    private VodInputs() {
    }

    /** A VOD source is a plain http(s) file: the movie routes proxy it 1:1 with Range. */
    static String sourceUrl(String field, String url) {
        String normalized = SourceUrls.normalize(url);
        // SourceUrls also accepts acestream:// and rtsp(s):// (channel sources), which no movie route can play
        if (normalized == null || !normalized.regionMatches(true, 0, "http", 0, 4)) {
            throw ApiException.invalid(field, "must be an http(s) URL");
        }
        return normalized;
    }

    static String extension(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
