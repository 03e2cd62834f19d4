package org.polyplex.catalog.importing;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.polyplex.catalog.model.Channel;
import org.polyplex.catalog.model.ChannelSource;
import org.polyplex.catalog.model.SourceHeaders;

/**
 * Collects the changes a live import makes to existing channels and writes them in batches at
 * {@link #flush()}: new source rows first, then changed channel and source rows, each row once
 * however often it changed.
 */
final class LiveWriter {

    private static final String UPDATE_CHANNEL = "update channels set name = ?, logo_url = ?, epg_id = ?, category_id = ?,"
            + " enabled = ?, scrape_disabled = ?, updated_at = ? where id = ?";
    private static final String UPDATE_SOURCE = "update channel_sources set url = ?, priority = ?, max_connections = ?,"
            + " missed_runs = ?, is_online = ?, headers = ?, archive_days = ?, archive_time_zone = ? where id = ?";

    private final Batches batches;
    private final OffsetDateTime now;
    private final Map<Long, LiveRows.ChannelRow> channels = new LinkedHashMap<>();
    private final Map<Long, LiveRows.SourceRow> sources = new LinkedHashMap<>();
    private final List<ChannelSource> newSources = new ArrayList<>();
    // channel id -> its categories beyond the primary one, replacing what is stored
    private final Map<Long, List<Long>> extraCategories = new LinkedHashMap<>();

    LiveWriter(Batches batches, Instant now) {
        this.batches = batches;
        this.now = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
    }

    /** A new source row of {@code channel} fed by the origin, for the entry's URL and headers. */
    static ChannelSource source(Channel channel, ImportEntry entry, int priority, ImportOrigin origin) {
        ChannelSource s = new ChannelSource();
        s.channel = channel;
        s.url = entry.url();
        s.headers = SourceHeaders.toJson(entry.headers());
        s.archiveDays = entry.archive().days();
        s.archiveTimeZone = entry.archive().timeZone();
        s.priority = priority;
        s.maxConnections = origin.maxConnections();
        s.scraperSourceId = origin.sourceId();
        return s;
    }

    void updateChannel(LiveRows.ChannelRow row) {
        channels.put(row.id, row);
    }

    void updateSource(LiveRows.SourceRow row) {
        sources.put(row.id, row);
    }

    void insertSource(long channelId, ImportEntry entry, int priority, ImportOrigin origin) {
        Channel channel = new Channel(); // a reference by id: the row exists
        channel.id = channelId;
        newSources.add(source(channel, entry, priority, origin));
    }

    /** Replaces the channel's categories beyond the primary one at {@link #flush()}. */
    void replaceExtraCategories(long channelId, List<Long> categoryIds) {
        extraCategories.put(channelId, List.copyOf(categoryIds));
    }

    void flush() {
        batches.insert(newSources);
        batches.update("delete from channel_categories where channel_id = ?", extraCategories.keySet(),
                (ps, id) -> ps.setLong(1, id));
        List<long[]> rows = new ArrayList<>();
        extraCategories.forEach((channel, ids) -> {
            for (int i = 0; i < ids.size(); i++) {
                rows.add(new long[] { channel, ids.get(i), i });
            }
        });
        batches.update("insert into channel_categories (channel_id, category_id, position) values (?, ?, ?)", rows,
                (ps, r) -> {
                    ps.setLong(1, r[0]);
                    ps.setLong(2, r[1]);
                    ps.setInt(3, (int) r[2]);
                });
        extraCategories.clear();
        batches.update(UPDATE_CHANNEL, channels.values(), (ps, c) -> {
            ps.setString(1, c.name);
            ps.setString(2, c.logoUrl);
            ps.setString(3, c.epgId);
            Batches.setLong(ps, 4, c.categoryId);
            ps.setBoolean(5, c.enabled);
            ps.setBoolean(6, c.scrapeDisabled);
            ps.setObject(7, now);
            ps.setLong(8, c.id);
        });
        batches.update(UPDATE_SOURCE, sources.values(), (ps, s) -> {
            ps.setString(1, s.url);
            ps.setInt(2, s.priority);
            Batches.setInt(ps, 3, s.maxConnections);
            ps.setInt(4, s.missedRuns);
            Batches.setBoolean(ps, 5, s.online);
            ps.setString(6, s.headers);
            ps.setInt(7, s.archiveDays);
            ps.setString(8, s.archiveTimeZone);
            ps.setLong(9, s.id);
        });
        newSources.clear();
        channels.clear();
        sources.clear();
    }
}
