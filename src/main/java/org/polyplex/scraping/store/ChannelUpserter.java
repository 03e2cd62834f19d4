package org.polyplex.scraping.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.persistence.EntityManager;

import org.polyplex.catalog.model.CategoryKind;
import org.polyplex.catalog.model.Channel;
import org.polyplex.catalog.model.ChannelSource;
import org.polyplex.scraping.parser.ScrapedChannel;

import io.quarkus.logging.Log;

/**
 * Brings the channels of one scraper source in step with what it listed, inside the caller's
 * transaction. Existing state is read in three queries, diffed in memory, and written in JDBC
 * batches, so 100k entries take seconds, and an unchanged list writes nothing.
 * <ul>
 * <li>Channels are matched by natural key: the provider stream id, else the {@code tvg-id}, else
 * the AceStream id or URL. Entries with one key merge into one channel with several sources,
 * and sources of several scraper sources merge into one channel the same way.</li>
 * <li>An admin-edited channel keeps its name, logo, number and category.</li>
 * <li>A source row the list no longer names counts a missed run; a channel whose sources have
 * all missed {@code maxMissedRuns} runs is disabled, never deleted, and enabled again when it
 * comes back.</li>
 * </ul>
 */
public final class ChannelUpserter {

    /** The scraper source's settings that shape its channels. */
    public record Origin(long sourceId, int priority, Integer maxConnections, Long categoryId) {
    }

    private static final int CHUNK = 5000;

    private final EntityManager em;
    private final int maxMissedRuns;
    private final Instant now;

    public ChannelUpserter(EntityManager em, int maxMissedRuns, Instant now) {
        this.em = em;
        this.maxMissedRuns = maxMissedRuns;
        this.now = now;
    }

    public ImportCounts upsert(Origin origin, List<ScrapedChannel> entries) {
        Map<String, List<ScrapedChannel>> byKey = new LinkedHashMap<>();
        for (ScrapedChannel entry : entries) {
            byKey.computeIfAbsent(key(origin.sourceId(), entry), k -> new ArrayList<>()).add(entry);
        }
        long t0 = System.nanoTime();
        CatalogState state = CatalogState.load(em);
        long t1 = System.nanoTime();
        CategoryIndex categories = new CategoryIndex(em, CategoryKind.LIVE, now);
        BatchWriter writer = new BatchWriter(em, now);
        List<NewChannel> fresh = new ArrayList<>();
        Set<Long> seenSources = new HashSet<>();
        int added = 0;
        int updated = 0;
        for (var group : byKey.entrySet()) {
            ScrapedChannel head = group.getValue().get(0);
            Long categoryId = origin.categoryId() != null ? origin.categoryId() : categories.idFor(head.group());
            CatalogState.ChannelRow row = state.channel(group.getKey());
            if (row == null) {
                fresh.add(new NewChannel(group.getKey(), head, categoryId, group.getValue()));
                if (fresh.size() >= CHUNK) {
                    added += insert(origin, fresh, state);
                }
                continue;
            }
            boolean changed = updateChannel(row, head, categoryId, writer);
            changed |= updateSources(origin, row, group.getValue(), writer, seenSources);
            if (changed) {
                updated++;
            }
        }
        added += insert(origin, fresh, state);
        long t2 = System.nanoTime();
        int removed = missed(origin, state, seenSources, writer);
        writer.flush();
        Log.debugf("upsert source=%d load=%dms diff+insert=%dms missed+update=%dms", origin.sourceId(), (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
        return new ImportCounts(added, updated, removed);
    }

    /** Natural key of an entry's channel; long URLs are hashed to fit the column. */
    static String key(long sourceId, ScrapedChannel entry) {
        String key;
        if (entry.providerId() != null) {
            key = "xt:" + sourceId + ":" + entry.providerId();
        } else if (entry.epgId() != null) {
            key = "epg:" + entry.epgId().toLowerCase(Locale.ROOT);
        } else if (entry.url().startsWith("acestream://")) {
            key = "ace:" + entry.url().substring(12);
        } else {
            key = "url:" + entry.url();
        }
        return key.length() <= 400 ? key : "sha:" + sha256(key);
    }

    private boolean updateChannel(CatalogState.ChannelRow row, ScrapedChannel head, Long categoryId, BatchWriter writer) {
        boolean changed = false;
        if (!row.manuallyEdited) {
            if (!row.name.equals(head.name())) {
                row.name = head.name();
                changed = true;
            }
            if (head.logoUrl() != null && !head.logoUrl().equals(row.logoUrl)) {
                row.logoUrl = head.logoUrl();
                changed = true;
            }
            if (categoryId != null && !categoryId.equals(row.categoryId)) {
                row.categoryId = categoryId;
                changed = true;
            }
        }
        if (row.epgId == null && head.epgId() != null) {
            row.epgId = head.epgId();
            changed = true;
        }
        if (row.scrapeDisabled) {
            row.scrapeDisabled = false;
            row.enabled = true;
            changed = true;
        }
        if (changed) {
            writer.updateChannel(row);
        }
        return changed;
    }

    private boolean updateSources(Origin origin, CatalogState.ChannelRow row, List<ScrapedChannel> entries, BatchWriter writer,
            Set<Long> seen) {
        Map<String, CatalogState.SourceRow> byUrl = new HashMap<>();
        List<CatalogState.SourceRow> reusable = new ArrayList<>();
        for (CatalogState.SourceRow s : row.sources) {
            byUrl.put(s.url, s);
        }
        Set<String> listed = new HashSet<>();
        entries.forEach(e -> listed.add(e.url()));
        for (CatalogState.SourceRow s : row.sources) {
            if (Objects.equals(s.scraperSourceId, origin.sourceId()) && !listed.contains(s.url)) {
                reusable.add(s);
            }
        }
        boolean changed = false;
        for (int i = 0; i < entries.size(); i++) {
            String url = entries.get(i).url();
            int priority = origin.priority() * 1000 + i;
            CatalogState.SourceRow s = byUrl.get(url);
            if (s == null && !reusable.isEmpty()) {
                // the stream moved (new id, new provider password): keep the row and its id
                s = reusable.remove(0);
                s.url = url;
                s.online = null;
                s.dirty = true;
            }
            if (s == null) {
                writer.insertSource(row.id, url, priority, origin.maxConnections(), origin.sourceId());
                changed = true;
                continue;
            }
            if (!Objects.equals(s.scraperSourceId, origin.sourceId())) {
                continue; // an admin's or another scraper's row for the same URL: theirs
            }
            seen.add(s.id);
            if (s.missedRuns != 0 || s.priority != priority || !Objects.equals(s.maxConnections, origin.maxConnections())) {
                s.missedRuns = 0;
                s.priority = priority;
                s.maxConnections = origin.maxConnections();
                s.dirty = true;
            }
            if (s.dirty) {
                writer.updateSource(s);
                changed = true;
            }
        }
        return changed;
    }

    /** Counts a missed run on this origin's unseen rows and disables channels left with nothing fresh. */
    private int missed(Origin origin, CatalogState state, Set<Long> seen, BatchWriter writer) {
        int removed = 0;
        for (CatalogState.ChannelRow row : state.channels()) {
            boolean touched = false;
            for (CatalogState.SourceRow s : row.sources) {
                if (Objects.equals(s.scraperSourceId, origin.sourceId()) && !seen.contains(s.id) && !s.dirty) {
                    s.missedRuns++;
                    writer.updateSource(s);
                    touched = true;
                }
            }
            if (touched && row.enabled && row.sources.stream().allMatch(this::stale)) {
                row.enabled = false;
                row.scrapeDisabled = true;
                writer.updateChannel(row);
                removed++;
            }
        }
        return removed;
    }

    private boolean stale(CatalogState.SourceRow s) {
        return s.scraperSourceId != null && s.missedRuns >= maxMissedRuns;
    }

    private int insert(Origin origin, List<NewChannel> fresh, CatalogState state) {
        if (fresh.isEmpty()) {
            return 0;
        }
        RowInserter channels = new RowInserter(em, Channel.class, "channels", "id", "number", "name", "logo_url", "epg_id",
                "category_id", "enabled", "created_at", "updated_at", "scrape_key", "manually_edited", "scrape_disabled");
        RowInserter sources = new RowInserter(em, ChannelSource.class, "channel_sources", "id", "channel_id", "url",
                "priority", "max_connections", "scraper_source_id", "missed_runs");
        em.flush(); // categories created for this chunk go first: channels refer to them
        for (NewChannel n : fresh) {
            ScrapedChannel head = n.head();
            long channelId = channels.add(state.claimNumber(head.number()), head.name(), head.logoUrl(), head.epgId(),
                    n.categoryId(), true, now, now, n.key(), false, false);
            Set<String> urls = new HashSet<>();
            List<ScrapedChannel> entries = n.entries();
            for (int p = 0; p < entries.size(); p++) {
                if (urls.add(entries.get(p).url())) {
                    sources.add(channelId, entries.get(p).url(), origin.priority() * 1000 + p, origin.maxConnections(),
                            origin.sourceId(), 0);
                }
            }
        }
        // all channels of the chunk before their sources: the foreign key needs them
        channels.flush();
        sources.flush();
        int count = fresh.size();
        fresh.clear();
        return count;
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record NewChannel(String key, ScrapedChannel head, Long categoryId, List<ScrapedChannel> entries) {
    }
}
