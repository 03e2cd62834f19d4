package org.polyplex.catalog.importing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.polyplex.catalog.model.SourceHeaders;

/**
 * How a live import brings one existing channel's source rows in step with the entries of its
 * key: a listed URL keeps its row, a URL that moved takes over a row this origin no longer lists
 * (its id survives), a new URL is a new row. Only the origin's own rows change; an admin's or
 * another origin's row for the same URL stays theirs. Headers follow the list unless an admin set
 * them; equal headers are equal JSON, so an unchanged list writes nothing.
 */
final class LiveSources {

    private LiveSources() {
    }

    /** True when a reader of the catalog sees a change in the channel's sources. */
    static boolean update(ImportOrigin origin, LiveRows.ChannelRow row, List<ImportEntry> entries, LiveWriter writer,
            Set<Long> seen) {
        Map<String, LiveRows.SourceRow> byUrl = new HashMap<>();
        row.sources.forEach(s -> byUrl.put(s.url, s));
        Set<String> listed = new HashSet<>();
        entries.forEach(e -> listed.add(e.url()));
        List<LiveRows.SourceRow> reusable = new ArrayList<>();
        for (LiveRows.SourceRow s : row.sources) {
            if (Objects.equals(s.scraperSourceId, origin.sourceId()) && !listed.contains(s.url)) {
                reusable.add(s);
            }
        }
        boolean changed = false;
        for (int i = 0; i < entries.size(); i++) {
            ImportEntry entry = entries.get(i);
            int priority = origin.priority() * 1000 + i;
            LiveRows.SourceRow s = byUrl.get(entry.url());
            if (s == null && !reusable.isEmpty()) {
                // the stream moved (new id, new provider password): keep the row and its id
                s = reusable.remove(0);
                s.url = entry.url();
                s.online = null;
                s.dirty = true;
            }
            if (s == null) {
                writer.insertSource(row.id, entry, priority, origin);
                changed = true;
            } else if (Objects.equals(s.scraperSourceId, origin.sourceId())) {
                seen.add(s.id);
                changed |= refresh(s, entry, priority, origin, writer);
            } // else an admin's or another origin's row for the same URL: theirs
        }
        return changed;
    }

    /**
     * Brings a listed source row up to date; true when a reader of the catalog sees a change. A
     * missed-run count going back to 0 is written but is bookkeeping, not an update.
     */
    private static boolean refresh(LiveRows.SourceRow s, ImportEntry entry, int priority, ImportOrigin origin,
            LiveWriter writer) {
        String headers = s.headersEdited ? s.headers : SourceHeaders.toJson(entry.headers());
        boolean visible = s.dirty || s.priority != priority || !Objects.equals(s.maxConnections, origin.maxConnections())
                || !Objects.equals(s.headers, headers) || s.archiveDays != entry.archive().days()
                || !Objects.equals(s.archiveTimeZone, entry.archive().timeZone());
        if (visible || s.missedRuns != 0) {
            s.missedRuns = 0;
            s.priority = priority;
            s.maxConnections = origin.maxConnections();
            s.headers = headers;
            s.archiveDays = entry.archive().days();
            s.archiveTimeZone = entry.archive().timeZone();
            s.dirty = true;
            writer.updateSource(s);
        }
        return visible;
    }
}
