package org.polyplex.catalog.importing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.polyplex.catalog.model.CategoryKind;
import org.polyplex.catalog.vod.Movie;
import org.polyplex.catalog.vod.Series;

import org.hibernate.StatelessSession;

/**
 * Movies and series of one origin, matched by {@code xt:<source>:<provider id>}: new ones
 * inserted in batches, changed ones updated in batches, vanished ones disabled after
 * {@code maxMissedRuns} runs (never deleted). Categories come from the provider's groups.
 */
final class VodImport {

    /** Where one kind of entry lives; table and column names are constants, never input. */
    private enum Shelf {
        MOVIES(CategoryKind.MOVIE, "movies", "poster_url",
                "select m.id, m.scrapeKey, m.name, m.categoryId, m.sourceUrl, m.posterUrl, m.enabled, m.missedRuns"
                        + " from Movie m where m.scraperSourceId = :source"),
        SERIES(CategoryKind.SERIES, "series", "cover_url",
                "select s.id, s.scrapeKey, s.name, s.categoryId, '', s.coverUrl, s.enabled, s.missedRuns"
                        + " from Series s where s.scraperSourceId = :source");

        final CategoryKind kind;
        final String update;
        final String load;

        Shelf(CategoryKind kind, String table, String imageColumn, String load) {
            this.kind = kind;
            this.update = "update " + table + " set name = ?, category_id = ?, " + imageColumn
                    + " = ?, enabled = ?, missed_runs = ?" + (kind == CategoryKind.MOVIE ? ", source_url = ?" : "")
                    + " where id = ?";
            this.load = load;
        }
    }

    /** A movie or series row as the import compares it. */
    /** A movie or series of the source as its shelf's load query reads it. */
    private record Stored(Long id, String scrapeKey, String name, Long categoryId, String url, String image,
            Boolean enabled, Integer missedRuns) {
    }

    private static final class Row {
        long id;
        String name;
        Long categoryId;
        String url;
        String image;
        boolean enabled;
        int missedRuns;
    }

    private final StatelessSession session;
    private final Batches batches;
    private final Instant now;

    VodImport(StatelessSession session, Batches batches, Instant now) {
        this.session = session;
        this.batches = batches;
        this.now = now;
    }

    ImportCounts movies(ImportOrigin origin, List<ImportedVod> items) {
        return apply(origin, items, Shelf.MOVIES);
    }

    ImportCounts series(ImportOrigin origin, List<ImportedVod> items) {
        return apply(origin, items, Shelf.SERIES);
    }

    private ImportCounts apply(ImportOrigin origin, List<ImportedVod> items, Shelf shelf) {
        Map<String, Row> existing = load(origin.sourceId(), shelf);
        // a target category set on the origin is a live category; VOD keeps the provider's groups
        CategoryIndex categories = new CategoryIndex(session, shelf.kind, now);
        List<Row> changed = new ArrayList<>();
        List<Object> fresh = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int added = 0;
        for (ImportedVod item : items) {
            String key = "xt:" + origin.sourceId() + ":" + item.providerId();
            if (!seen.add(key)) {
                continue;
            }
            Long categoryId = categories.idFor(item.group());
            Row row = existing.get(key);
            if (row == null) {
                fresh.add(entity(shelf, item, categoryId, key, origin.sourceId()));
                added++;
                if (fresh.size() == Batches.SIZE) {
                    batches.insert(fresh);
                    fresh.clear();
                }
            } else if (refresh(row, item, categoryId)) {
                changed.add(row);
            }
        }
        batches.insert(fresh);
        int updated = changed.size();
        int removed = missed(existing, seen, changed, origin.maxMissedRuns());
        write(shelf, changed);
        return new ImportCounts(added, updated, removed);
    }

    /** Takes what the provider lists now and re-enables; true when the row changed. */
    private static boolean refresh(Row row, ImportedVod item, Long categoryId) {
        boolean dirty = row.missedRuns != 0 || !row.enabled || !row.name.equals(item.name())
                || !Objects.equals(row.categoryId, categoryId) || (item.url() != null && !item.url().equals(row.url))
                || !Objects.equals(row.image, item.imageUrl());
        row.missedRuns = 0;
        row.enabled = true;
        row.name = item.name();
        row.categoryId = categoryId;
        row.url = item.url() != null ? item.url() : row.url;
        row.image = item.imageUrl();
        return dirty;
    }

    /** Counts a missed run on enabled rows the list no longer names; disables those out of runs. */
    private static int missed(Map<String, Row> existing, Set<String> seen, List<Row> changed, int maxMissedRuns) {
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
        return removed;
    }

    private Object entity(Shelf shelf, ImportedVod item, Long categoryId, String key, long sourceId) {
        if (shelf == Shelf.MOVIES) {
            Movie m = new Movie();
            m.name = item.name();
            m.categoryId = categoryId;
            m.sourceUrl = item.url();
            m.containerExtension = item.extension();
            m.posterUrl = item.imageUrl();
            m.plot = item.plot();
            m.createdAt = now;
            m.scrapeKey = key;
            m.scraperSourceId = sourceId;
            return m;
        }
        Series s = new Series();
        s.name = item.name();
        s.categoryId = categoryId;
        s.coverUrl = item.imageUrl();
        s.plot = item.plot();
        s.createdAt = now;
        s.updatedAt = now;
        s.scrapeKey = key;
        s.scraperSourceId = sourceId;
        return s;
    }

    private Map<String, Row> load(long sourceId, Shelf shelf) {
        Map<String, Row> rows = new HashMap<>();
        for (Stored r : session.createQuery(shelf.load, Stored.class).setParameter("source", sourceId).getResultList()) {
            Row row = new Row();
            row.id = r.id();
            row.name = r.name();
            row.categoryId = r.categoryId();
            row.url = r.url();
            row.image = r.image();
            row.enabled = r.enabled();
            row.missedRuns = r.missedRuns();
            rows.put(r.scrapeKey(), row);
        }
        return rows;
    }

    private void write(Shelf shelf, List<Row> rows) {
        boolean movie = shelf == Shelf.MOVIES;
        batches.update(shelf.update, rows, (ps, row) -> {
            ps.setString(1, row.name);
            Batches.setLong(ps, 2, row.categoryId);
            ps.setString(3, row.image);
            ps.setBoolean(4, row.enabled);
            ps.setInt(5, row.missedRuns);
            if (movie) {
                ps.setString(6, row.url);
            }
            ps.setLong(movie ? 7 : 6, row.id);
        });
    }
}
