package org.polyplex.catalog.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The HTTP request headers a channel source needs upstream ({@code User-Agent}, {@code Referer},
 * {@code Cookie}, ...), validated and in canonical form. Pure.
 *
 * <p>
 * A header is kept when its name is an HTTP token (RFC 9110 section 5.6.2) of at most
 * {@value #MAX_NAME} characters that the proxy does not own, and its value holds no control
 * character but tab (so no CR, LF or NUL: no header injection) and no character beyond
 * ISO-8859-1. The proxy owns framing and connection headers ({@code Host}, {@code Content-Length},
 * {@code Transfer-Encoding}, {@code Connection}, {@code Upgrade}, {@code TE}, {@code Trailer},
 * {@code Keep-Alive}, {@code Proxy-*}, {@code Expect}) and {@code Accept-Encoding} (it relays the
 * body as it comes, so it never asks for a compressed one). Names are case-insensitive and
 * stored in canonical case ({@code user-agent} is {@code User-Agent}; {@code referrer}, the
 * spelling M3U attributes use, is {@code Referer}).
 *
 * <p>
 * Stored as one JSON object, names sorted, so equal headers are equal text and an import that
 * lists the same headers again writes nothing.
 */
public final class SourceHeaders {

    /** Longest header name kept. */
    public static final int MAX_NAME = 64;
    /** The stored JSON's bound: the {@code channel_sources.headers} column's width. */
    public static final int MAX_JSON = 65_535;

    private static final Set<String> DENIED = Set.of("host", "content-length", "transfer-encoding", "connection",
            "upgrade", "te", "trailer", "keep-alive", "expect", "accept-encoding");
    private static final String TCHAR = "!#$%&'*+-.^_`|~";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {
    };

    /** What {@link #check} kept, and why it dropped the rest (one line per problem, fit for a run record). */
    public record Checked(Map<String, String> headers, List<String> problems) {
    }

    private SourceHeaders() {
    }

    /**
     * Keeps the valid headers, at most {@code maxCount} and each value at most
     * {@code maxValueLength} characters; a name given twice (in any case) keeps its last value.
     * Values are stripped; an empty one is dropped without a problem. Never throws.
     */
    public static Checked check(Map<String, String> raw, int maxCount, int maxValueLength) {
        TreeMap<String, String> kept = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        if (raw == null) {
            return new Checked(Map.of(), List.of());
        }
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String reason = reason(e.getKey(), e.getValue(), maxValueLength);
            if (reason != null) {
                boolean named = e.getKey() != null && !e.getKey().isEmpty() && e.getKey().length() <= MAX_NAME
                        && isToken(e.getKey());
                // only a valid name goes into the run record: an invalid one may hold anything
                problems.add("stream header " + (named ? canonical(e.getKey()) + " " : "") + "dropped: " + reason);
                continue;
            }
            String value = e.getValue().strip();
            if (value.isEmpty()) {
                continue;
            }
            String name = canonical(e.getKey());
            if (!kept.containsKey(name) && kept.size() >= maxCount) {
                problems.add("stream header dropped: more than " + maxCount + " headers on one source");
                continue;
            }
            kept.put(name, value);
        }
        while (!kept.isEmpty() && toJson(kept).length() > MAX_JSON) {
            problems.add("stream header " + kept.lastKey() + " dropped: the headers exceed " + MAX_JSON + " characters");
            kept.remove(kept.lastKey());
        }
        return new Checked(Map.copyOf(kept), List.copyOf(problems));
    }

    /**
     * Why the first header that cannot be sent cannot, as an admin should read it ({@code header
     * 'Host': the proxy sets it itself}), or null when all can; more than {@code maxCount} is a
     * refusal too.
     */
    public static String refusal(Map<String, String> raw, int maxCount, int maxValueLength) {
        if (raw == null) {
            return null;
        }
        if (raw.size() > maxCount) {
            return "more than " + maxCount + " headers";
        }
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String reason = reason(e.getKey(), e.getValue(), maxValueLength);
            if (reason != null) {
                return "header '" + printable(e.getKey()) + "': " + reason;
            }
        }
        return null;
    }

    /** Why this header cannot be sent, or null when it can. */
    static String reason(String name, String value, int maxValueLength) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME || !isToken(name)) {
            return "not a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~, at most " + MAX_NAME
                    + " characters)";
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (DENIED.contains(lower) || lower.startsWith("proxy-")) {
            return "the proxy sets it itself";
        }
        if (value == null) {
            return "it has no value";
        }
        if (value.length() > maxValueLength) {
            return "its value is longer than " + maxValueLength + " characters";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\t' && (c < 0x20 || c == 0x7F || c > 0xFF)) {
                return "its value holds a control character (CR, LF, NUL, ...) or one beyond Latin-1";
            }
        }
        return null;
    }

    /** A name for a message: control characters shown as {@code ?}, cut at {@value #MAX_NAME}. */
    private static String printable(String name) {
        if (name == null) {
            return "";
        }
        String cut = name.length() > MAX_NAME ? name.substring(0, MAX_NAME) + "..." : name;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    private static boolean isToken(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c < 0x80 && (Character.isLetterOrDigit(c) || TCHAR.indexOf(c) >= 0);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** {@code user-agent} is {@code User-Agent}, {@code REFERRER} is {@code Referer}: each dash-separated word capitalised. */
    public static String canonical(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("referrer") || lower.equals("referer")) {
            return "Referer";
        }
        StringBuilder out = new StringBuilder(name.length());
        boolean start = true;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            out.append(start ? Character.toUpperCase(c) : c);
            start = c == '-';
        }
        return out.toString();
    }

    /** The stored form: a JSON object with names sorted, or null for no headers. */
    public static String toJson(Map<String, String> headers) {
        if (headers == null || headers.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(new TreeMap<>(headers));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The headers of a stored JSON object; none for null or text that is no such object. */
    public static Map<String, String> fromJson(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            TreeMap<String, String> map = JSON.readValue(json, MAP);
            map.values().removeIf(v -> v == null);
            return Map.copyOf(map);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
