package org.polyplex.scraping.store;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.persistence.EntityManager;

import org.polyplex.catalog.model.CategoryKind;
import org.polyplex.catalog.vod.Movie;
import org.polyplex.catalog.vod.Series;
import org.polyplex.scraping.xtream.ScrapedVod;

import org.hibernate.Session;

/**
 * Movies and series of a provider account, matched by {@code xt:<source>:<provider id>}: new ones
 * inserted in batches, changed ones updated in JDBC batches, vanished ones disabled after
 * {@code maxMissedRuns} runs (never deleted). Same rules as {@link ChannelUpserter}.
 */
public final class VodUpserter {

    private static final int CHUNK = 1000;

    private final EntityManager em;
    private final int maxMissedRuns;
    private final Instant now;

    public VodUpserter(EntityManager em, int maxMissedRuns, Instant now) {
        this.em = em;
        this.maxMissedRuns = maxMissedRuns;
        this.now = now;
    }

    /** Row of movies or series as the import compares it. */
    private static final class Row {
        long id;
        String name;
        Long categoryId;
        String url;
        String image;
        boolean enabled;
        int missedRuns;
    }

    public ImportCounts movies(long sourceId, Long fixedCategory, List<ScrapedVod> items) {
        return upsert(sourceId, fixedCategory, items, CategoryKind.MOVIE, "movies", "poster_url");
    }

    public ImportCounts series(long sourceId, Long fixedCategory, List<ScrapedVod> items) {
        return upsert(sourceId, fixedCategory, items, CategoryKind.SERIES, "series", "cover_url");
    }

    private ImportCounts upsert(long sourceId, Long fixedCategory, List<ScrapedVod> items, CategoryKind kind, String table,
            String imageColumn) {
        Map<String, Row> existing = load(sourceId, kind);
        // a target category set on the source is a live category; VOD keeps the provider's groups
        CategoryIndex categories = new CategoryIndex(em, kind, now);
        List<Row> changed = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        RowInserter inserter = kind == CategoryKind.MOVIE
                ? new RowInserter(em, Movie.class, "movies", "id", "name", "category_id", "source_url", "container_extension",
                        "poster_url", "plot", "enabled", "created_at", "scrape_key", "scraper_source_id", "missed_runs")
                : new RowInserter(em, Series.class, "series", "id", "name", "category_id", "cover_url", "plot", "enabled",
                        "created_at", "updated_at", "scrape_key", "scraper_source_id", "missed_runs");
        int added = 0;
        for (ScrapedVod item : items) {
            String key = "xt:" + sourceId + ":" + item.providerId();
            if (!seen.add(key)) {
                continue;
            }
            Long categoryId = categories.idFor(item.group());
            Row row = existing.get(key);
            if (row == null) {
                if (kind == CategoryKind.MOVIE) {
                    inserter.add(item.name(), categoryId, item.url(), item.extension(), item.imageUrl(), item.plot(), true, now,
                            key, sourceId, 0);
                } else {
                    inserter.add(item.name(), categoryId, item.imageUrl(), item.plot(), true, now, now, key, sourceId, 0);
                }
                if (++added % CHUNK == 0) {
                    em.flush(); // categories first
                    inserter.flush();
                }
                continue;
            }
            boolean dirty = row.missedRuns != 0 || !row.enabled;
            row.missedRuns = 0;
            row.enabled = true;
            if (!row.name.equals(item.name()) || !Objects.equals(row.categoryId, categoryId)
                    || (item.url() != null && !item.url().equals(row.url)) || !Objects.equals(row.image, item.imageUrl())) {
                dirty = true;
            }
            row.name = item.name();
            row.categoryId = categoryId;
            row.url = item.url() != null ? item.url() : row.url;
            row.image = item.imageUrl();
            if (dirty) {
                changed.add(row);
            }
        }
        int updated = changed.size();
        int removed = 0;
        for (var entry : existing.entrySet()) {
            Row row = entry.getValue();
            if (!seen.contains(entry.getKey()) && row.enabled) {
                row.missedRuns++;
                if (row.missedRuns >= maxMissedRuns) {
                    row.enabled = false;
                    removed++;
                }
                changed.add(row);
            }
        }
        em.flush();
        inserter.flush();
        write(table, imageColumn, kind == CategoryKind.MOVIE, changed);
        return new ImportCounts(added, updated, removed);
    }

    private Map<String, Row> load(long sourceId, CategoryKind kind) {
        String jpql = kind == CategoryKind.MOVIE
                ? "select m.id, m.scrapeKey, m.name, m.categoryId, m.sourceUrl, m.posterUrl, m.enabled, m.missedRuns"
                        + " from Movie m where m.scraperSourceId = :source"
                : "select s.id, s.scrapeKey, s.name, s.categoryId, '', s.coverUrl, s.enabled, s.missedRuns"
                        + " from Series s where s.scraperSourceId = :source";
        Map<String, Row> rows = new HashMap<>();
        for (Object[] r : em.createQuery(jpql, Object[].class).setParameter("source", sourceId).getResultList()) {
            Row row = new Row();
            row.id = (Long) r[0];
            row.name = (String) r[2];
            row.categoryId = (Long) r[3];
            row.url = (String) r[4];
            row.image = (String) r[5];
            row.enabled = (Boolean) r[6];
            row.missedRuns = (Integer) r[7];
            rows.put((String) r[1], row);
        }
        return rows;
    }

    private void write(String table, String imageColumn, boolean movie, List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        // table and column names are constants chosen above, never input
        String sql = "update " + table + " set name = ?, category_id = ?, " + imageColumn + " = ?, enabled = ?, missed_runs = ?"
                + (movie ? ", source_url = ?" : "") + " where id = ?";
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                int n = 0;
                for (Row row : rows) {
                    int i = 1;
                    ps.setString(i++, row.name);
                    if (row.categoryId == null) {
                        ps.setNull(i++, Types.BIGINT);
                    } else {
                        ps.setLong(i++, row.categoryId);
                    }
                    ps.setString(i++, row.image);
                    ps.setBoolean(i++, row.enabled);
                    ps.setInt(i++, row.missedRuns);
                    if (movie) {
                        ps.setString(i++, row.url);
                    }
                    ps.setLong(i, row.id);
                    ps.addBatch();
                    if (++n % 500 == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
        });
    }
}
