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
 * and all of its sources, plus the channel numbers in use. Three queries, whatever the size.
 */
final class LiveRows {

    /** A channel as the import sees it; fields are changed in place and written in a batch. */
    static final class ChannelRow {
        long id;
        String name;
        String logoUrl;
        String epgId;
        Long categoryId;
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
        boolean dirty;
    }

    private final Map<String, ChannelRow> byKey;
    private final Set<Integer> numbers;

    private LiveRows(Map<String, ChannelRow> byKey, Set<Integer> numbers) {
        this.byKey = byKey;
        this.numbers = numbers;
    }

    static LiveRows load(StatelessSession session) {
        Map<String, ChannelRow> byKey = new HashMap<>();
        Map<Long, ChannelRow> byId = new HashMap<>();
        List<Object[]> channels = session.createQuery("""
                select c.id, c.scrapeKey, c.name, c.logoUrl, c.epgId, c.categoryId, c.enabled, c.manuallyEdited,
                       c.scrapeDisabled
                from Channel c where c.scrapeKey is not null""", Object[].class).getResultList();
        for (Object[] r : channels) {
            ChannelRow row = new ChannelRow();
            row.id = (Long) r[0];
            row.name = (String) r[2];
            row.logoUrl = (String) r[3];
            row.epgId = (String) r[4];
            row.categoryId = (Long) r[5];
            row.enabled = (Boolean) r[6];
            row.manuallyEdited = (Boolean) r[7];
            row.scrapeDisabled = (Boolean) r[8];
            byKey.put((String) r[1], row);
            byId.put(row.id, row);
        }
        List<Object[]> sources = session.createQuery("""
                select s.id, s.channel.id, s.url, s.priority, s.maxConnections, s.scraperSourceId, s.missedRuns, s.online
                from ChannelSource s where s.channel.scrapeKey is not null order by s.priority, s.id""", Object[].class)
                .getResultList();
        for (Object[] r : sources) {
            ChannelRow channel = byId.get((Long) r[1]);
            if (channel != null) {
                channel.sources.add(source(r));
            }
        }
        Set<Integer> numbers = new HashSet<>(session
                .createQuery("select c.number from Channel c where c.number is not null", Integer.class).getResultList());
        return new LiveRows(byKey, numbers);
    }

    private static SourceRow source(Object[] r) {
        SourceRow row = new SourceRow();
        row.id = (Long) r[0];
        row.url = (String) r[2];
        row.priority = (Integer) r[3];
        row.maxConnections = (Integer) r[4];
        row.scraperSourceId = (Long) r[5];
        row.missedRuns = (Integer) r[6];
        row.online = (Boolean) r[7];
        return row;
    }

    ChannelRow channel(String key) {
        return byKey.get(key);
    }

    Collection<ChannelRow> channels() {
        return byKey.values();
    }

    /** The number when no channel has it yet (it is then taken), else null. */
    Integer claimNumber(Integer number) {
        return number != null && numbers.add(number) ? number : null;
    }
}
