package org.polyplex.playlist;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.polyplex.catalog.model.SourceHeaders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The HTTP headers one playlist entry asks players to send, in every form playlists write them:
 * {@code #EXTINF} attributes ({@code http-user-agent}, {@code user-agent}, {@code http-referrer}),
 * {@code #EXTVLCOPT:http-user-agent=} / {@code http-referrer=} lines, {@code #EXTHTTP:{json}} lines
 * and Kodi's URL suffix {@code url|User-Agent=...&Referer=...} (percent-encoded values). Forms
 * are applied in the order they are read, so a later one wins for the same header (names are
 * case-insensitive). Collects, does not validate: names and values come back as written (names in
 * canonical case); what cannot be read at all is a problem. Pure; one instance per entry.
 */
final class EntryHeaders {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_PROBLEMS = 8;

    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    /** Headers named by {@code #EXTINF} attributes (lower-case keys, as the parser reads them). */
    void attributes(Map<String, String> attributes) {
        put("User-Agent", attributes.get("user-agent"));
        put("User-Agent", attributes.get("http-user-agent"));
        put("Referer", attributes.get("http-referer"));
        put("Referer", attributes.get("http-referrer"));
    }

    /** One {@code #EXTVLCOPT} option, such as {@code http-user-agent=VLC/3.0}; other options are not headers. */
    void vlcOption(String option) {
        int eq = option.indexOf('=');
        if (eq <= 0) {
            return;
        }
        String key = option.substring(0, eq).strip().toLowerCase(Locale.ROOT);
        String value = option.substring(eq + 1);
        switch (key) {
            case "http-user-agent" -> put("User-Agent", value);
            case "http-referrer", "http-referer" -> put("Referer", value);
            default -> {
                // not a header: VLC's other options (network-caching, ...)
            }
        }
    }

    /** The text after {@code #EXTHTTP:}: a JSON object of header names and values. */
    void extHttp(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            problem("an #EXTHTTP line is not a JSON object; its headers were ignored");
            return;
        }
        node.fields().forEachRemaining(field -> {
            if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                put(field.getKey(), field.getValue().asText());
            } else {
                problem("an #EXTHTTP header value is not text; that header was ignored");
            }
        });
    }

    /**
     * Splits Kodi's form at the first {@code |}: returns the stream URL before it and takes the
     * {@code Name=value&Name=value} headers after it. A URL without {@code |} comes back as it is.
     */
    String kodiUrl(String line) {
        int bar = line.indexOf('|');
        if (bar < 0) {
            return line;
        }
        for (String part : line.substring(bar + 1).split("&")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                problem("a URL's |Name=value header list holds a part without a name and '='; it was ignored");
                continue;
            }
            put(percentDecode(part.substring(0, eq).strip()), percentDecode(part.substring(eq + 1)));
        }
        return line.substring(0, bar).strip();
    }

    Map<String, String> headers() {
        return Map.copyOf(headers);
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    private void put(String name, String value) {
        if (name == null || value == null) {
            return;
        }
        String canonical = SourceHeaders.canonical(name);
        headers.remove(canonical); // re-inserted last: later forms win
        headers.put(canonical, value);
    }

    private void problem(String problem) {
        if (problems.size() < MAX_PROBLEMS && !problems.contains(problem)) {
            problems.add(problem);
        }
    }

    /** {@code %XX} escapes as UTF-8 bytes; a {@code %} that starts no escape stays; {@code +} stays {@code +}. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            int hi = s.charAt(i) == '%' && i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = hi < 0 ? -1 : Character.digit(s.charAt(i + 2), 16);
            if (hi >= 0 && lo >= 0) {
                run.write(hi * 16 + lo);
                i += 2;
                continue;
            }
            if (run.size() > 0) {
                out.append(run.toString(StandardCharsets.UTF_8));
                run.reset();
            }
            out.append(s.charAt(i));
        }
        return out.append(run.toString(StandardCharsets.UTF_8)).toString();
    }
}
