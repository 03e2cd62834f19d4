package org.polyplex.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An AceStream content id: 40 hexadecimal digits, held in lower case, the one form the catalog
 * stores, the engine is asked for and duplicates are found by. A channel source names it as
 * {@code acestream://<id>}; pages and lists also write it bare or as {@code acestream:<id>}.
 * Pure and immutable.
 *
 * @param hex the 40 digits, lower case
 */
public record AceStreamId(String hex) {

    /** The scheme of a source URL that names an AceStream id. */
    public static final String SCHEME = "acestream://";

    private static final Pattern CANONICAL = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern ANY_CASE = Pattern.compile("[0-9a-fA-F]{40}");

    /** Where an id stands in a text, for callers that name an entry by the words around it. */
    public record Found(AceStreamId id, int start, int end) {
    }

    /** @throws IllegalArgumentException unless {@code hex} is 40 lower-case hexadecimal digits */
    public AceStreamId {
        Objects.requireNonNull(hex, "hex");
        if (!CANONICAL.matcher(hex).matches()) {
            throw new IllegalArgumentException("an AceStream id is 40 hexadecimal digits");
        }
    }

    /**
     * The id of a source URL {@code acestream://<40 hex digits>} (scheme and digits in any case,
     * white space around it ignored), or empty for anything else, a longer URL included.
     */
    public static Optional<AceStreamId> fromUrl(String url) {
        if (url == null) {
            return Optional.empty();
        }
        String value = url.strip();
        if (!value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        return digits(value.substring(SCHEME.length()));
    }

    /**
     * An id as people and scraped pages write it: the bare 40 digits, {@code acestream:<id>} or
     * {@code acestream://<id>}, in any case, white space around it ignored; empty for anything else.
     */
    public static Optional<AceStreamId> parse(String value) {
        if (value == null || value.length() > 256) {
            return Optional.empty();
        }
        String s = value.strip();
        if (s.regionMatches(true, 0, "acestream:", 0, 10)) {
            String rest = s.substring(10);
            return digits(rest.startsWith("//") ? rest.substring(2) : rest);
        }
        return digits(s);
    }

    /** Whether a URL is of the AceStream scheme at all, whether or not its id is valid. */
    public static boolean isAceStreamUrl(String url) {
        return url != null && url.strip().regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    /**
     * Ids standing on their own in free text, in order: 40 hex digits that are not part of a
     * longer run of letters or digits.
     */
    public static List<Found> findIn(String text) {
        List<Found> found = new ArrayList<>();
        if (text == null || text.length() < 40) {
            return found;
        }
        Matcher m = ANY_CASE.matcher(text);
        while (m.find()) {
            if (boundary(text, m.start() - 1) && boundary(text, m.end())) {
                found.add(new Found(new AceStreamId(m.group().toLowerCase(Locale.ROOT)), m.start(), m.end()));
            }
        }
        return found;
    }

    /** {@code acestream://<id>}, the catalog's form of a source URL. */
    public String toUrl() {
        return SCHEME + hex;
    }

    /** The first eight digits, enough to tell ids apart in names and log lines. */
    public String shortForm() {
        return hex.substring(0, 8);
    }

    @Override
    public String toString() {
        return hex;
    }

    private static Optional<AceStreamId> digits(String s) {
        return ANY_CASE.matcher(s).matches() ? Optional.of(new AceStreamId(s.toLowerCase(Locale.ROOT))) : Optional.empty();
    }

    private static boolean boundary(String s, int i) {
        return i < 0 || i >= s.length() || !Character.isLetterOrDigit(s.charAt(i));
    }
}
