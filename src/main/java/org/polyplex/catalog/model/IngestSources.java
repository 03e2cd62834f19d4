package org.polyplex.catalog.model;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The source URL of a channel that plays a published stream: {@code ingest://stream/<id>}. Only
 * the admin API and the stream service set it; imports never produce it. Pure.
 */
public final class IngestSources {

    private static final Pattern URL = Pattern.compile("ingest://stream/([1-9][0-9]{0,17})");

    private IngestSources() {
    }

    public static String url(long streamId) {
        return "ingest://stream/" + streamId;
    }

    /** The stream id of an ingest source URL, or empty for any other URL. */
    public static OptionalLong streamId(String url) {
        Matcher m = url == null ? null : URL.matcher(url);
        return m != null && m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }
}
