package org.polyplex.scraping.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.persistence.EntityManager;

import org.polyplex.catalog.model.Channel;
import org.polyplex.catalog.model.ChannelSource;

import org.hibernate.Session;

/**
 * Collects row updates of an import and writes them as JDBC batches on the transaction's own
 * connection; new source rows of existing channels go through Hibernate (ids from the pooled
 * sequence). Each row is written once however often it changed.
 */
final class BatchWriter {

    private static final int BATCH = 500;

    private final EntityManager em;
    private final Instant now;
    private final Map<Long, CatalogState.ChannelRow> channels = new LinkedHashMap<>();
    private final Map<Long, CatalogState.SourceRow> sources = new LinkedHashMap<>();

    BatchWriter(EntityManager em, Instant now) {
        this.em = em;
        this.now = now;
    }

    void updateChannel(CatalogState.ChannelRow row) {
        channels.put(row.id, row);
    }

    void updateSource(CatalogState.SourceRow row) {
        sources.put(row.id, row);
    }

    void insertSource(long channelId, String url, int priority, Integer maxConnections, long scraperSourceId) {
        ChannelSource s = new ChannelSource();
        s.channel = em.getReference(Channel.class, channelId);
        s.url = url;
        s.priority = priority;
        s.maxConnections = maxConnections;
        s.scraperSourceId = scraperSourceId;
        em.persist(s);
    }

    void flush() {
        em.flush();
        if (channels.isEmpty() && sources.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(this::write);
        channels.clear();
        sources.clear();
    }

    private void write(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("update channels set name = ?, logo_url = ?, epg_id = ?,"
                + " category_id = ?, enabled = ?, scrape_disabled = ?, updated_at = ? where id = ?")) {
            int n = 0;
            for (CatalogState.ChannelRow c : channels.values()) {
                ps.setString(1, c.name);
                ps.setString(2, c.logoUrl);
                ps.setString(3, c.epgId);
                setLong(ps, 4, c.categoryId);
                ps.setBoolean(5, c.enabled);
                ps.setBoolean(6, c.scrapeDisabled);
                ps.setObject(7, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                ps.setLong(8, c.id);
                ps.addBatch();
                if (++n % BATCH == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = connection.prepareStatement("update channel_sources set url = ?, priority = ?,"
                + " max_connections = ?, missed_runs = ?, is_online = ? where id = ?")) {
            int n = 0;
            for (CatalogState.SourceRow s : sources.values()) {
                ps.setString(1, s.url);
                ps.setInt(2, s.priority);
                if (s.maxConnections == null) {
                    ps.setNull(3, Types.INTEGER);
                } else {
                    ps.setInt(3, s.maxConnections);
                }
                ps.setInt(4, s.missedRuns);
                if (s.online == null) {
                    ps.setNull(5, Types.BOOLEAN);
                } else {
                    ps.setBoolean(5, s.online);
                }
                ps.setLong(6, s.id);
                ps.addBatch();
                if (++n % BATCH == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }
}
