package org.polyplex.playlist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads M3U/M3U8 playlists line by line, streaming: {@code #EXTINF} with its attributes,
 * {@code #EXTGRP}, {@code #EXTVLCOPT}, {@code #EXTHTTP}; LF or CRLF; a leading BOM. The HTTP
 * headers an entry asks for ({@link EntryHeaders}) apply to the next URL only; a Kodi-style
 * {@code url|Name=value&...} line is that URL with headers. Lines that are neither a
 * directive nor a URL are ignored, and so is a URL-less {@code #EXTINF}. HLS media playlists
 * ({@code #EXT-X-...}) are not channel lists: their segment lines come back as plain entries, and
 * callers decide. Pure: no I/O beyond the given reader, no CDI.
 *
 * <p>
 * A URL on the last line with no line end after it is suspect: a transfer cut off mid-URL looks
 * exactly like that, and the cut URL would be imported as a source. Callers that care pass a
 * {@code cutOff} consumer, which gets that entry instead of the sink.
 */
public final class M3uParser {

    /** Longest line kept; longer lines (garbage, binary) are cut so memory stays bounded. */
    static final int MAX_LINE = 16 * 1024;

    private M3uParser() {
    }

    /** Parses the whole playlist into a list. */
    public static List<M3uEntry> parse(Reader reader) {
        List<M3uEntry> entries = new ArrayList<>();
        parse(reader, entries::add);
        return entries;
    }

    /** Hands each entry to {@code sink} as soon as its URL line is read. */
    public static void parse(Reader reader, Consumer<M3uEntry> sink) {
        parse(reader, sink, sink);
    }

    /**
     * Hands each entry to {@code sink} as soon as its URL line is read, but an entry whose URL is
     * the last line and has no line end to {@code cutOff}.
     */
    public static void parse(Reader reader, Consumer<M3uEntry> sink, Consumer<M3uEntry> cutOff) {
        Lines in = new Lines(reader instanceof BufferedReader b ? b : new BufferedReader(reader, 64 * 1024));
        String extinf = null;
        Map<String, String> attributes = Map.of();
        String group = null;
        List<String> options = new ArrayList<>();
        EntryHeaders headers = new EntryHeaders();
        boolean first = true;
        for (String raw = in.next(); raw != null; raw = in.next()) {
            String line = (first && raw.startsWith("\uFEFF") ? raw.substring(1) : raw).strip();
            first = false;
            if (line.isEmpty()) {
                continue;
            }
            String upper = line.length() >= 10 ? line.substring(0, 10).toUpperCase(Locale.ROOT)
                    : line.toUpperCase(Locale.ROOT);
            if (upper.startsWith("#EXTINF:")) {
                extinf = line.substring(8);
                attributes = new HashMap<>();
                attributes(extinf, attributes);
                headers.attributes(attributes);
            } else if (upper.startsWith("#EXTHTTP:")) {
                headers.extHttp(line.substring(9));
            } else if (upper.startsWith("#EXTGRP:")) {
                group = line.substring(8);
            } else if (upper.startsWith("#EXTVLCOPT")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    options.add(line.substring(colon + 1).strip());
                    headers.vlcOption(line.substring(colon + 1).strip());
                }
            } else if (!line.startsWith("#")) {
                String url = headers.kodiUrl(line);
                M3uEntry entry = entry(url, extinf, attributes, group, options, headers);
                (in.ended() ? sink : cutOff).accept(entry);
                extinf = null;
                attributes = Map.of();
                group = null;
                options = new ArrayList<>();
                headers = new EntryHeaders();
            }
        }
    }

    /**
     * Lines of a reader (LF, CRLF or CR), each cut at {@link #MAX_LINE} characters while reading
     * (the rest of a longer line is skipped, never held), and whether the last one had its line end.
     */
    private static final class Lines {

        private final BufferedReader in;
        private final StringBuilder line = new StringBuilder();
        private boolean ended = true;

        Lines(BufferedReader in) {
            this.in = in;
        }

        /** The next line, or null at the end of the input. */
        String next() {
            line.setLength(0);
            try {
                int c = in.read();
                if (c < 0) {
                    return null;
                }
                while (c >= 0 && c != '\n' && c != '\r') {
                    if (line.length() < MAX_LINE) {
                        line.append((char) c);
                    }
                    c = in.read();
                }
                ended = c >= 0;
                if (c == '\r') {
                    in.mark(1);
                    if (in.read() != '\n') {
                        in.reset();
                    }
                }
                return line.toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Whether the line last returned was ended by a line break (not by the end of the input). */
        boolean ended() {
            return ended;
        }
    }

    private static M3uEntry entry(String url, String extinf, Map<String, String> attributes, String group,
            List<String> options, EntryHeaders headers) {
        if (extinf == null) {
            return new M3uEntry(url, null, null, Map.of(), group, List.copyOf(options), headers.headers(),
                    headers.problems());
        }
        int comma = attributes(extinf, new HashMap<>());
        String head = extinf.substring(0, comma < 0 ? extinf.length() : comma);
        String title = comma < 0 ? null : extinf.substring(comma + 1).strip();
        return new M3uEntry(url, title, duration(head), Map.copyOf(attributes), group, List.copyOf(options),
                headers.headers(), headers.problems());
    }

    /**
     * Reads {@code key="value"} (or unquoted {@code key=value}) pairs after the duration and
     * returns the index of the comma that starts the title, or -1. Commas inside quotes do not
     * count: group titles like {@code "News, Sport"} are common.
     */
    private static int attributes(String s, Map<String, String> out) {
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == ',') {
                return i;
            }
            if (c == '=') {
                int keyEnd = i;
                int keyStart = keyEnd;
                while (keyStart > 0 && !Character.isWhitespace(s.charAt(keyStart - 1)) && s.charAt(keyStart - 1) != '"') {
                    keyStart--;
                }
                String key = s.substring(keyStart, keyEnd).toLowerCase(Locale.ROOT);
                int valueStart = i + 1;
                int valueEnd;
                if (valueStart < n && (s.charAt(valueStart) == '"' || s.charAt(valueStart) == '\'')) {
                    char quote = s.charAt(valueStart);
                    valueEnd = s.indexOf(quote, valueStart + 1);
                    if (valueEnd < 0) {
                        valueEnd = n;
                    }
                    out.put(key, s.substring(valueStart + 1, valueEnd));
                    i = valueEnd + 1;
                } else {
                    valueEnd = valueStart;
                    while (valueEnd < n && !Character.isWhitespace(s.charAt(valueEnd)) && s.charAt(valueEnd) != ',') {
                        valueEnd++;
                    }
                    out.put(key, s.substring(valueStart, valueEnd));
                    i = valueEnd;
                }
                continue;
            }
            i++;
        }
        return -1;
    }

    private static Integer duration(String head) {
        int end = 0;
        String s = head.strip();
        while (end < s.length() && (Character.isDigit(s.charAt(end)) || (end == 0 && s.charAt(end) == '-'))) {
            end++;
        }
        try {
            return end == 0 ? null : Integer.valueOf(s.substring(0, end));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
