package org.polyplex.proxy.upstream.api;

import java.net.URI;
import java.util.Locale;

/** Pure helpers on source URLs: what kind a URL is, and a form that is safe to log. */
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
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("acestream://")) {
            return Kind.ACESTREAM;
        }
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            return Kind.UNSUPPORTED;
        }
        int query = lower.indexOf('?');
        String path = query < 0 ? lower : lower.substring(0, query);
        return path.endsWith(".m3u8") || path.endsWith(".m3u") ? Kind.HLS : Kind.HTTP_TS;
    }

    /**
     * Scheme, host and port only: provider URLs often carry account credentials in the path or
     * query, so nothing after the authority is ever logged or shown.
     */
    public static String redact(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null) {
                return uri.getScheme() + "://…";
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "/…";
        } catch (IllegalArgumentException e) {
            return "(invalid url)";
        }
    }
}
