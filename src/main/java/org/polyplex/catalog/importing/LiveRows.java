package org.polyplex.catalog.importing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hibernate.StatelessSession;

/**
 * The imported part of the live catalog as plain mutable rows: every channel with a natural key
 * and all of its sources and categories, plus the channel numbers in use. Four queries, whatever
 * the size.
 */
final class LiveRows {

    /** A channel as the import sees it; fields are changed in place and written in a batch. */
    static final class ChannelRow {
        long id;
        String name;
        String logoUrl;
        String epgId;
        Long categoryId;
        /** Categories beyond the primary one, in list order ({@code channel_categories}). */
        List<Long> extraCategoryIds = new ArrayList<>();
        boolean enabled;
        boolean manuallyEdited;
        boolean scrapeDisabled;
        final List<SourceRow> sources = new ArrayList<>();
    }

    /** A channel source row; {@code dirty} once the import changed it. */
    static final class SourceRow {
        long id;
        String url;
        int priority;
        Integer maxConnections;
        Long scraperSourceId;
        int missedRuns;
        Boolean online;
        /** Stored headers JSON ({@code SourceHeaders.toJson}), null for none. */
        String headers;
        boolean headersEdited;
        int archiveDays;
        String archiveTimeZone;
        boolean dirty;
    }

    private final Map<String, ChannelRow> byKey;
    private final Set<Integer> numbers;
    // source URL -> channel, built on first use
    private Map<String, ChannelRow> byUrl;

    private LiveRows(Map<String, ChannelRow> byKey, Set<Integer> numbers) {
        this.byKey = byKey;
        this.numbers = numbers;
    }

    static LiveRows load(StatelessSession session) {
        Map<String, ChannelRow> byKey = new HashMap<>();
        Map<Long, ChannelRow> byId = new HashMap<>();
        List<StoredChannel> channels = session.createQuery("""
                select c.id, c.scrapeKey, c.name, c.logoUrl, c.epgId, c.categoryId, c.enabled, c.manuallyEdited,
                       c.scrapeDisabled
                from Channel c where c.scrapeKey is not null""", StoredChannel.class).getResultList();
        for (StoredChannel r : channels) {
            ChannelRow row = new ChannelRow();
            row.id = r.id();
            row.name = r.name();
            row.logoUrl = r.logoUrl();
            row.epgId = r.epgId();
            row.categoryId = r.categoryId();
            row.enabled = r.enabled();
            row.manuallyEdited = r.manuallyEdited();
            row.scrapeDisabled = r.scrapeDisabled();
            byKey.put(r.scrapeKey(), row);
            byId.put(row.id, row);
        }
        List<StoredSource> sources = session.createQuery("""
                select s.id, s.channel.id, s.url, s.priority, s.maxConnections, s.scraperSourceId, s.missedRuns, s.online,
                       s.headers, s.headersEdited, s.archiveDays, s.archiveTimeZone
                from ChannelSource s where s.channel.scrapeKey is not null order by s.priority, s.id""", StoredSource.class)
                .getResultList();
        for (StoredSource r : sources) {
            ChannelRow channel = byId.get(r.channelId());
            if (channel != null) {
                channel.sources.add(source(r));
            }
        }
        for (Object[] r : session.createNativeQuery(
                "select channel_id, category_id from channel_categories order by channel_id, position", Object[].class)
                .getResultList()) {
            ChannelRow channel = byId.get(((Number) r[0]).longValue());
            if (channel != null) {
                channel.extraCategoryIds.add(((Number) r[1]).longValue());
            }
        }
        Set<Integer> numbers = new HashSet<>(session
                .createQuery("select c.number from Channel c where c.number is not null", Integer.class).getResultList());
        return new LiveRows(byKey, numbers);
    }

    private static SourceRow source(StoredSource r) {
        SourceRow row = new SourceRow();
        row.id = r.id();
        row.url = r.url();
        row.priority = r.priority();
        row.maxConnections = r.maxConnections();
        row.scraperSourceId = r.scraperSourceId();
        row.missedRuns = r.missedRuns();
        row.online = r.online();
        row.headers = r.headers();
        row.headersEdited = r.headersEdited();
        row.archiveDays = r.archiveDays();
        row.archiveTimeZone = r.archiveTimeZone();
        return row;
    }

    /** A scraped channel as the load query reads it. */
    private record StoredChannel(Long id, String scrapeKey, String name, String logoUrl, String epgId, Long categoryId,
            Boolean enabled, Boolean manuallyEdited, Boolean scrapeDisabled) {
    }

    /** A source of a scraped channel as the load query reads it. */
    private record StoredSource(Long id, Long channelId, String url, Integer priority, Integer maxConnections,
            Long scraperSourceId, Integer missedRuns, Boolean online, String headers, Boolean headersEdited,
            Integer archiveDays, String archiveTimeZone) {
    }

    ChannelRow channel(String key) {
        return byKey.get(key);
    }

    /**
     * The imported channel that already has one of these URLs as a source, if any: lists that
     * disagree on a stream's tvg-id (one names it, one does not) must not make it two channels.
     */
    ChannelRow channelWithSource(List<ImportEntry> entries) {
        if (byUrl == null) {
            byUrl = new HashMap<>();
            for (ChannelRow row : byKey.values()) {
                row.sources.forEach(s -> byUrl.putIfAbsent(s.url, row));
            }
        }
        for (ImportEntry entry : entries) {
            ChannelRow row = byUrl.get(entry.url());
            if (row != null) {
                return row;
            }
        }
        return null;
    }

    Collection<ChannelRow> channels() {
        return byKey.values();
    }

    /** The number when no channel has it yet (it is then taken), else null. */
    Integer claimNumber(Integer number) {
        return number != null && numbers.add(number) ? number : null;
    }
}
