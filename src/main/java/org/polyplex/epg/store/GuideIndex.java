package org.polyplex.epg.store;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which guide belongs to which catalog channel, as one immutable value rebuilt after each import.
 * A channel matches an XMLTV channel by its epg id, case-insensitively; failing that, by its name
 * against the XMLTV display names, both normalized. With several sources the lowest source id
 * wins, so the answer is stable. Matching happens at read time, so a channel added or renamed in
 * the catalog finds its guide without a new import.
 */
public final class GuideIndex {

    public static final GuideIndex EMPTY = new GuideIndex(List.of());

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_ALNUM = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern QUALITY = Pattern.compile("(?:\\s|^)(?:hd|fhd|uhd|sd|4k|hevc)$");

    /** One XMLTV channel of an active generation. */
    public record Row(long sourceId, long generation, String xmltvId, List<String> displayNames) {
    }

    private final Map<String, GuideRef> byId = new HashMap<>();
    private final Map<String, GuideRef> byName = new HashMap<>();
    private final List<Row> rows;
    // built on first use: only the mapping page asks for suggestions
    private volatile GuideSuggestions suggestions;

    /** @param rows in source id order, so the first source to declare a key keeps it */
    public GuideIndex(List<Row> rows) {
        this.rows = List.copyOf(rows);
        for (Row row : rows) {
            GuideRef ref = new GuideRef(row.sourceId(), row.generation(), row.xmltvId());
            byId.putIfAbsent(row.xmltvId().toLowerCase(Locale.ROOT), ref);
            for (String name : row.displayNames()) {
                String key = normalize(name);
                if (!key.isEmpty()) {
                    byName.putIfAbsent(key, ref);
                }
            }
        }
    }

    /** The guide of a channel with this epg id and name, if any source has one. */
    public Optional<GuideRef> resolve(String epgId, String name) {
        if (epgId != null && !epgId.isBlank()) {
            GuideRef ref = byId.get(epgId.strip().toLowerCase(Locale.ROOT));
            if (ref != null) {
                return Optional.of(ref);
            }
        }
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(normalize(name)));
    }

    /**
     * Guides whose names come close to a channel's name without matching it (the channels that
     * {@link #resolve} leaves without a guide), best first.
     */
    public List<GuideSuggestion> suggest(String name, int max) {
        GuideSuggestions built = suggestions;
        if (built == null) {
            built = new GuideSuggestions(rows);
            suggestions = built;
        }
        return built.suggest(name, max);
    }

    public int size() {
        return byId.size();
    }

    /**
     * Lower case, accents and punctuation removed, a trailing quality tag dropped:
     * {@code "Télé 5 HD"} and {@code "tele5"} are the same channel.
     */
    static String normalize(String name) {
        String s = Normalizer.normalize(name, Normalizer.Form.NFKD);
        s = MARKS.matcher(s).replaceAll("").toLowerCase(Locale.ROOT);
        s = NOT_ALNUM.matcher(s).replaceAll(" ").strip();
        s = QUALITY.matcher(s).replaceAll("").strip();
        return s.replace(" ", "");
    }
}
