package org.polyplex.catalog.importing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What several lists feeding one channel decide together: which of them owns the channel's name,
 * logo and categories, what the others may still fill in, and the categories an entry's groups
 * name. Pure: rows and entries in, decisions out.
 */
final class SharedChannels {

    /** Categories one channel may be in; more groups than that are junk, not a channel's place. */
    private static final int MAX_CATEGORIES = 16;

    private SharedChannels() {
    }

    /**
     * Whether the origin owns the channel's name, logo and categories: no other scraper source
     * still feeding it (its rows not yet past {@code maxMissedRuns}) ranks first, by priority, then
     * by source id. One owner per channel is what keeps two overlapping lists from renaming it,
     * moving it and swapping its logo on every run.
     */
    static boolean owns(ImportOrigin origin, LiveRows.ChannelRow row) {
        for (LiveRows.SourceRow s : row.sources) {
            if (s.scraperSourceId == null || s.scraperSourceId == origin.sourceId()
                    || s.missedRuns >= origin.maxMissedRuns()) {
                continue;
            }
            int rank = Math.floorDiv(s.priority, 1000);
            if (rank < origin.priority() || rank == origin.priority() && s.scraperSourceId < origin.sourceId()) {
                return false;
            }
        }
        return true;
    }

    /** The entries of one key as one: the first entry, with the first logo any of them carries. */
    static ImportEntry merged(List<ImportEntry> entries) {
        ImportEntry head = entries.get(0);
        if (head.logoUrl() != null) {
            return head;
        }
        String logo = entries.stream().map(ImportEntry::logoUrl).filter(Objects::nonNull).findFirst().orElse(null);
        return new ImportEntry(head.name(), head.url(), head.epgId(), logo, head.group(), head.number(), head.providerId(),
                head.headers(), head.archive());
    }

    /** What a source that does not own the channel may still give it: a logo where it has none. */
    static ImportEntry fillOnly(LiveRows.ChannelRow row, ImportEntry listed) {
        return new ImportEntry(row.name, listed.url(), listed.epgId(), row.logoUrl == null ? listed.logoUrl() : row.logoUrl,
                listed.group(), listed.number(), listed.providerId(), listed.headers(), listed.archive());
    }

    /**
     * The categories of a channel, first listed first: every group of every entry of its key,
     * each group title split on {@code ;} (iptv-org's {@code group-title="General;News"}), so a
     * list that repeats a channel once per group puts it in every group.
     */
    static List<Long> categoryIds(List<ImportEntry> entries, CategoryIndex categories) {
        List<Long> ids = new ArrayList<>();
        for (ImportEntry entry : entries) {
            if (entry.group() == null) {
                continue;
            }
            for (String name : entry.group().split(";")) {
                Long id = categories.idFor(name);
                if (id != null && !ids.contains(id) && ids.size() < MAX_CATEGORIES) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }
}
