package org.polyplex.scraping.parser;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.polyplex.catalog.model.SourceUrls;
import org.polyplex.platform.AceStreamId;
import org.polyplex.platform.logging.Redaction;
import org.polyplex.scraping.source.ScrapeFailure;

/**
 * Validates and de-duplicates what parsers find. An entry is kept when its id or URL becomes a
 * valid source URL (a bare 40-hex id means AceStream); anything else ({@code javascript:},
 * {@code file:}, junk) is skipped with a reason. The first entry for a URL wins; a later one with
 * the same URL is skipped, named in the reason if its name differs, unless it lists the entry under
 * another group: then the first entry joins that group too. More than {@code maxEntries}
 * valid entries fail the whole document: a truncated list would make the rest look vanished.
 */
public final class EntryCollector {

    private static final int MAX_REASONS = 20;
    private static final int MAX_NAME = 300;

    private final int maxEntries;
    private final List<ScrapedChannel> channels = new ArrayList<>();
    private final Map<String, String> namesByUrl = new HashMap<>();
    private final Map<String, Integer> indexByUrl = new HashMap<>();
    private final List<String> reasons = new ArrayList<>();
    private final Set<String> links = new LinkedHashSet<>();
    private final List<String> warnings = new ArrayList<>();
    private int skipped;

    public EntryCollector(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** Adds one entry; {@code idOrUrl} is a URL, an {@code acestream://} link or a bare AceStream id. */
    public void add(String name, String idOrUrl, String epgId, String logoUrl, String group, Integer number) {
        add(name, idOrUrl, epgId, logoUrl, group, number, null);
    }

    /** Adds one entry that a provider identifies by its own stream id. */
    public void add(String name, String idOrUrl, String epgId, String logoUrl, String group, Integer number,
            String providerId) {
        add(name, idOrUrl, epgId, logoUrl, group, number, providerId, Map.of());
    }

    /** Adds one entry with the HTTP headers the list asks for its URL (checked later, when admitted). */
    public void add(String name, String idOrUrl, String epgId, String logoUrl, String group, Integer number,
            String providerId, Map<String, String> headers) {
        String url = toSourceUrl(idOrUrl);
        String cleanName = clean(name, MAX_NAME);
        if (url == null) {
            skip("invalid id or URL" + (cleanName == null ? "" : " for '" + cleanName + "'") + ": " + describe(idOrUrl));
            return;
        }
        if (cleanName == null) {
            cleanName = AceStreamId.fromUrl(url).map(id -> "AceStream " + id.shortForm()).orElse(url);
            cleanName = clean(cleanName, MAX_NAME);
        }
        String first = namesByUrl.putIfAbsent(url, cleanName);
        if (first != null && joinGroup(url, clean(group, 200))) {
            return;
        }
        if (first != null) {
            skip(first.equals(cleanName) ? "duplicate entry '" + cleanName + "'"
                    : "duplicate id for '" + cleanName + "' (first listed as '" + first + "')");
            return;
        }
        if (channels.size() >= maxEntries) {
            throw new ScrapeFailure("more than " + maxEntries + " entries (polyplex.scraping.max-entries)");
        }
        String logo = logoUrl == null ? null : SourceUrls.normalize(logoUrl);
        if (logo != null && !logo.startsWith("http")) {
            logo = null;
        }
        indexByUrl.put(url, channels.size());
        channels.add(new ScrapedChannel(cleanName, url, clean(epgId, 300), logo == null || logo.length() > 2048 ? null : logo,
                clean(group, 200), number != null && number > 0 && number <= 9_999_999 ? number : null, providerId,
                headers == null ? Map.of() : headers));
    }

    /**
     * An entry listed again under another group (iptv-org's index files list a channel once per
     * group): its first entry joins that group ({@code ;}-separated, as the catalog reads groups).
     * False when the group adds nothing: then it is a plain duplicate.
     */
    private boolean joinGroup(String url, String group) {
        if (group == null) {
            return false;
        }
        Integer index = indexByUrl.get(url);
        if (index == null) {
            return false;
        }
        ScrapedChannel first = channels.get(index);
        List<String> groups = first.group() == null ? new ArrayList<>() : new ArrayList<>(List.of(first.group().split(";")));
        boolean added = false;
        for (String g : group.split(";")) {
            String name = g.strip();
            if (!name.isEmpty() && groups.stream().noneMatch(name::equalsIgnoreCase)) {
                groups.add(name);
                added = true;
            }
        }
        if (added) {
            channels.set(index, new ScrapedChannel(first.name(), first.url(), first.epgId(), first.logoUrl(),
                    String.join(";", groups), first.number(), first.providerId(), first.headers(), first.archive()));
        }
        return added;
    }

    public void skip(String reason) {
        skipped++;
        if (reasons.size() < MAX_REASONS) {
            reasons.add(Redaction.text(reason));
        }
    }

    public void link(String url) {
        links.add(url);
    }

    public void warn(String warning) {
        String safe = Redaction.text(warning);
        if (!warnings.contains(safe)) {
            warnings.add(safe);
        }
    }

    public int size() {
        return channels.size();
    }

    public boolean knows(String url) {
        return namesByUrl.containsKey(url);
    }

    public ParseResult result() {
        return new ParseResult(List.copyOf(channels), skipped, List.copyOf(reasons), List.copyOf(links), List.copyOf(warnings));
    }

    /** A normalised source URL, or null when the value is no usable id or URL. */
    static String toSourceUrl(String idOrUrl) {
        if (idOrUrl == null || idOrUrl.isBlank() || idOrUrl.length() > 4096) {
            return null;
        }
        String value = idOrUrl.strip();
        var ace = AceStreamId.parse(value).map(AceStreamId::toUrl);
        if (ace.isPresent()) {
            return ace.get();
        }
        if (value.regionMatches(true, 0, "acestream:", 0, 10)) {
            return null;
        }
        if (value.chars().anyMatch(Character::isWhitespace)) {
            return null;
        }
        return SourceUrls.normalize(value);
    }

    private static String clean(String value, int max) {
        if (value == null) {
            return null;
        }
        String s = value.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        if (s.isEmpty()) {
            return null;
        }
        return s.length() > max ? s.substring(0, max) : s;
    }

    private static String describe(String value) {
        if (value == null || value.isBlank()) {
            return "missing";
        }
        String s = value.strip();
        int colon = s.indexOf(':');
        if (colon > 0 && colon < 20 && !s.startsWith("http")) {
            return "scheme '" + s.substring(0, colon).toLowerCase(Locale.ROOT) + ":' is not allowed";
        }
        return "'" + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + "'";
    }
}
