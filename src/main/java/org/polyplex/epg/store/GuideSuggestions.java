package org.polyplex.epg.store;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Near matches between a channel name and the guides' display names, for the channels that the
 * exact match of {@link GuideIndex} leaves without a guide. Names are compared loosely: accents,
 * case and punctuation dropped, a leading country or group tag ({@code "UK: "}, {@code "FR | "},
 * {@code "[DE]"}) and decoration words ({@code hd}, {@code tv}, {@code 1080p}...) removed. The
 * same loose name scores 100, one containing the other 80, otherwise the Dice coefficient of
 * their letter pairs when it reaches 60. Pure and immutable: built once per guide index.
 */
final class GuideSuggestions {

    /** Least score offered. */
    static final int MIN_SCORE = 60;

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern TAG = Pattern.compile("^(?:\\[[^\\]]{1,12}\\]|\\([^)]{1,12}\\)|[a-z]{2,3}\\s*[:|])\\s*");
    private static final Pattern NOT_ALNUM = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Set<String> DECORATIONS = Set.of("hd", "fhd", "uhd", "sd", "4k", "hevc", "h264", "h265",
            "1080p", "720p", "576p", "1080i", "50fps", "tv", "channel", "backup");

    private record Candidate(GuideRef ref, String displayName, String key, Set<Integer> pairs) {
    }

    private final List<Candidate> candidates = new ArrayList<>();

    GuideSuggestions(List<GuideIndex.Row> rows) {
        Set<String> seen = new HashSet<>();
        for (GuideIndex.Row row : rows) {
            GuideRef ref = new GuideRef(row.sourceId(), row.generation(), row.xmltvId());
            for (String name : row.displayNames()) {
                String key = key(name);
                // one candidate per guide and loose name: repeated display names add nothing
                if (!key.isEmpty() && seen.add(row.sourceId() + "\u0000" + row.xmltvId() + "\u0000" + key)) {
                    candidates.add(new Candidate(ref, name, key, pairs(key)));
                }
            }
        }
    }

    /** At most {@code max} guides close to {@code name}, best first, one entry per guide id. */
    List<GuideSuggestion> suggest(String name, int max) {
        String key = name == null ? "" : key(name);
        if (key.isEmpty() || max <= 0) {
            return List.of();
        }
        Set<Integer> pairs = pairs(key);
        Map<String, GuideSuggestion> best = new HashMap<>();
        for (Candidate c : candidates) {
            int score = score(key, pairs, c);
            if (score < MIN_SCORE) {
                continue;
            }
            GuideSuggestion s = new GuideSuggestion(c.ref().sourceId(), c.ref().xmltvId(), c.displayName(), score);
            best.merge(c.ref().xmltvId().toLowerCase(Locale.ROOT), s, (a, b) -> a.score() >= b.score() ? a : b);
        }
        return best.values().stream()
                .sorted(Comparator.comparingInt(GuideSuggestion::score).reversed()
                        .thenComparingLong(GuideSuggestion::sourceId).thenComparing(GuideSuggestion::xmltvId))
                .limit(max).toList();
    }

    private static int score(String key, Set<Integer> pairs, Candidate c) {
        if (key.equals(c.key())) {
            return 100;
        }
        String shorter = key.length() < c.key().length() ? key : c.key();
        String longer = shorter == key ? c.key() : key;
        if (shorter.length() >= 3 && longer.contains(shorter)) {
            return 80;
        }
        if (pairs.isEmpty() || c.pairs().isEmpty()) {
            return 0;
        }
        int common = 0;
        for (Integer pair : pairs) {
            if (c.pairs().contains(pair)) {
                common++;
            }
        }
        return 200 * common / (pairs.size() + c.pairs().size());
    }

    /** The loose form of a name: {@code "UK: Sky Sports 1 HD"} is {@code "skysports1"}. */
    static String key(String name) {
        String s = Normalizer.normalize(name, Normalizer.Form.NFKD);
        s = MARKS.matcher(s).replaceAll("").toLowerCase(Locale.ROOT).strip();
        s = TAG.matcher(s).replaceFirst("");
        StringBuilder key = new StringBuilder();
        for (String word : NOT_ALNUM.split(s)) {
            if (!word.isEmpty() && !DECORATIONS.contains(word)) {
                key.append(word);
            }
        }
        return key.toString();
    }

    private static Set<Integer> pairs(String key) {
        Set<Integer> pairs = new HashSet<>();
        for (int i = 0; i + 1 < key.length(); i++) {
            pairs.add(key.charAt(i) << 16 | key.charAt(i + 1));
        }
        return pairs;
    }
}
