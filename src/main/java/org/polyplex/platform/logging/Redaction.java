package org.polyplex.platform.logging;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one redaction policy for every URL-bearing log line, error message and stored run message.
 * Xtream puts credentials in the path ({@code /live/u/p/1.ts}, {@code /u/p/1}) and in the query
 * ({@code ?username=&password=}); providers put them in user info ({@code http://u:p@host}) and in
 * tokens. Two strengths: {@link #url} and {@link #text} mask the credentials and keep the rest
 * (what failed, and where); {@link #origin} keeps only scheme, host and port, for views that show
 * a source to people who need not know which file or account it is. Remote texts (an engine's
 * error, a server's body) go through {@link #line}. Pure: no CDI, no state.
 */
public final class Redaction {

    static final String MASK = "***";

    /** Query parameters whose values are kept: they name what was asked, never who asked. */
    private static final Set<String> PLAIN_PARAMS = Set.of("action", "type", "output", "category_id", "stream_id",
            "vod_id", "series_id", "limit", "format");

    /** Path roots under which the next two segments are a username and a password. */
    private static final Pattern CREDENTIAL_PATH = Pattern.compile(
            "/(live|movie|series|timeshift|hdhr)/[^/?#]+/[^/?#]+/", Pattern.CASE_INSENSITIVE);

    /** The short Xtream stream form {@code /user/pass/ID} (optionally {@code .ts} or {@code .m3u8}). */
    private static final Pattern SHORT_FORM = Pattern.compile("^/([^/?#]+)/([^/?#]+)/(\\d+(?:\\.\\w+)?)$");

    private static final Set<String> SHORT_FORM_EXEMPT = Set.of("api", "q", "hls", "ace", "live", "movie", "series",
            "timeshift", "streaming", "hdhr");

    /**
     * A URL inside free text: a scheme, then anything up to white space or a quote; or an absolute
     * path standing on its own ({@code GET /live/u/p/1.ts}, {@code /player_api.php?username=}).
     */
    private static final Pattern URL_IN_TEXT = Pattern
            .compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s\"'<>]*|(?<![\\w/:.~-])/[^\\s\"'<>]+");

    /**
     * A stream key ({@code pk_} and 43 base64url characters) wherever it stands: in an RTMP URL
     * ({@code rtmp://host/live/<key>}) an encoder or ffmpeg prints, or in free text.
     */
    private static final Pattern STREAM_KEY = Pattern.compile("pk_[A-Za-z0-9_-]{43,}");

    /** Any user info left in free text, such as {@code //user:pass@} after a split URL. */
    private static final Pattern USER_INFO = Pattern.compile("//[^/\\s@\"'<>]*@");

    private Redaction() {
    }

    /**
     * A URL with its credentials masked: user info dropped, the query values of all but a few
     * harmless parameters masked, Xtream {@code /live|movie|series|timeshift/user/pass/} (and HDHomeRun
     * {@code /hdhr/user/pass/}) and
     * {@code /user/pass/ID} paths masked. Also accepts a path with or without a query.
     */
    public static String url(String url) {
        if (url == null) {
            return null;
        }
        String s = USER_INFO.matcher(url).replaceFirst("//");
        int cut = firstOf(s, '?', '#');
        String head = cut < 0 ? s : s.substring(0, cut);
        String tail = cut < 0 ? "" : s.substring(cut);
        int pathStart = pathStart(head);
        String origin = head.substring(0, pathStart);
        String path = isRtmp(origin) ? maskRtmpPath(head.substring(pathStart)) : maskPath(head.substring(pathStart));
        return escapeControls(maskKeys(origin + path + maskQuery(tail)));
    }

    /**
     * Free text (an exception message, a remote error body) with every URL in it redacted and
     * control bytes escaped. {@code URI.create} and HTTP clients put whole URLs into their messages.
     */
    public static String text(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = URL_IN_TEXT.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(url(m.group())));
        }
        m.appendTail(out);
        return escapeControls(maskKeys(USER_INFO.matcher(out).replaceAll("//")));
    }

    /**
     * Scheme, host and port only ({@code http://provider.example:8080/…}): nothing after the
     * authority and no user info, whatever the URL carries. {@code (invalid url)} for what does not
     * parse; {@code scheme://…} for a URL without a host.
     */
    public static String origin(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url.strip());
            if (uri.getScheme() == null) {
                return "(invalid url)";
            }
            if (uri.getHost() == null) {
                return escapeControls(uri.getScheme()) + "://…";
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "/…";
        } catch (URISyntaxException e) {
            return "(invalid url)";
        }
    }

    /**
     * A text from elsewhere as one log line: runs of line breaks and tabs become one space, URLs
     * are redacted ({@link #text}), then it is cut to {@code max} characters with an ellipsis.
     * Redacting before cutting matters: a URL cut in its user info would no longer be recognised.
     */
    public static String line(String text, int max) {
        if (text == null) {
            return null;
        }
        String line = text(text.replaceAll("[\\r\\n\\t]+", " ").strip());
        return line.length() <= max ? line : line.substring(0, max) + "…";
    }

    /** {@link #text} of a throwable's message, or its class name when it has none. */
    public static String message(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : text(message);
    }

    /**
     * Control characters (ESC, NUL, CR, LF, DEL, C1) as {@code \xNN} (or {@code \\uNNNN}), so scraped
     * input cannot forge log lines or drive a terminal.
     */
    public static String escapeControls(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
            if (control && out == null) {
                out = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (control) {
                out.append(c <= 0xff ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    private static String maskKeys(String s) {
        return s.indexOf("pk_") < 0 ? s : STREAM_KEY.matcher(s).replaceAll("pk_" + MASK);
    }

    /**
     * RTMP(S) URLs put the stream key after the application ({@code rtmp://host/app/KEY}), and a
     * platform's key has no recognisable shape: everything after the first path segment is masked
     * (a Polyplex {@code pk_} key keeps its prefix, as elsewhere).
     */
    private static String maskRtmpPath(String path) {
        int second = path.indexOf('/', 1);
        if (second < 0) {
            return path;
        }
        String rest = path.substring(second + 1);
        if (rest.isEmpty()) {
            return path;
        }
        return path.substring(0, second + 1) + (STREAM_KEY.matcher(rest).matches() ? rest : MASK);
    }

    private static boolean isRtmp(String origin) {
        return origin.regionMatches(true, 0, "rtmp", 0, 4);
    }

    private static String maskPath(String path) {
        String masked = CREDENTIAL_PATH.matcher(path).replaceAll("/$1/" + MASK + "/" + MASK + "/");
        Matcher shortForm = SHORT_FORM.matcher(masked);
        if (shortForm.matches() && !SHORT_FORM_EXEMPT.contains(shortForm.group(1).toLowerCase(Locale.ROOT))) {
            return "/" + MASK + "/" + MASK + "/" + shortForm.group(3);
        }
        return masked;
    }

    private static String maskQuery(String tail) {
        if (tail.isEmpty() || tail.charAt(0) != '?') {
            return tail;
        }
        int hash = tail.indexOf('#');
        String query = tail.substring(1, hash < 0 ? tail.length() : hash);
        StringBuilder out = new StringBuilder("?");
        for (String pair : query.split("&", -1)) {
            if (out.length() > 1) {
                out.append('&');
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            boolean plain = PLAIN_PARAMS.contains(key.toLowerCase(Locale.ROOT));
            out.append(key);
            if (eq >= 0) {
                out.append('=').append(plain ? pair.substring(eq + 1) : MASK);
            }
        }
        return out.toString();
    }

    /** Where the path starts: after {@code scheme://authority}, or at 0 for a bare path. */
    private static int pathStart(String head) {
        int scheme = head.indexOf("://");
        if (scheme < 0) {
            return 0;
        }
        int slash = head.indexOf('/', scheme + 3);
        return slash < 0 ? head.length() : slash;
    }

    private static int firstOf(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
