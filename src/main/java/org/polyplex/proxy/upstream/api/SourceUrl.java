package org.polyplex.proxy.upstream.api;

import java.util.Locale;

import org.polyplex.platform.AceStreamId;

/**
 * What kind of upstream a source URL asks for; its loggable form is {@link org.polyplex.platform.logging.Redaction#origin}.
 * Pure.
 */
public final class SourceUrl {

    /** The transport a source URL asks for. */
    public enum Kind {
        HTTP_TS,
        HLS,
        ACESTREAM,
        UNSUPPORTED
    }

    private SourceUrl() {
    }

    public static Kind kind(String url) {
        if (AceStreamId.isAceStreamUrl(url)) {
            return Kind.ACESTREAM;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            return Kind.UNSUPPORTED;
        }
        int query = lower.indexOf('?');
        String path = query < 0 ? lower : lower.substring(0, query);
        return path.endsWith(".m3u8") || path.endsWith(".m3u") ? Kind.HLS : Kind.HTTP_TS;
    }
}
