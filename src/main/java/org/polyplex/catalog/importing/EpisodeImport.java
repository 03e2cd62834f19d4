package org.polyplex.catalog.importing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.polyplex.catalog.vod.Episode;
import org.polyplex.catalog.vod.Season;
import org.polyplex.catalog.vod.Series;

import org.hibernate.StatelessSession;

/**
 * The seasons and episodes of an origin's series, for the series its provider was read for in
 * this run: a series whose lists equal what is stored only records the version it was read at;
 * one whose lists differ has its seasons and episodes replaced, episodes keeping their ids where
 * the provider's episode id stays (apps keep our ids in favourites and watch history). Series
 * not read in this run (not changed, or their read failed) keep everything. An answer with no
 * episodes never empties a series that has some, and leaves its version unrecorded so that the
 * next run reads it again.
 */
final class EpisodeImport {

    private static final String INSERT_KEPT = "insert into episodes (id, series_id, season_number, episode_number, title,"
            + " source_url, container_extension, plot, duration_seconds, image_url, created_at, provider_id)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** A series of the origin as this import sees it. */
    record SeriesState(long id, String version) {
    }

    /** An episode as stored, for comparing and for keeping its id. */
    private record StoredEpisode(Long id, Long seriesId, String providerId, Integer season, Integer number, String title,
            String url, String extension, String plot, Integer durationSeconds, String imageUrl, Instant createdAt) {

        ImportedEpisodes.Episode asImported() {
            return new ImportedEpisodes.Episode(providerId == null ? "" : providerId, season, number, title, url,
                    extension, plot, durationSeconds, imageUrl);
        }
    }

    /** Season metadata as stored. */
    private record StoredSeason(Long seriesId, Integer number, String name, String overview, LocalDate airDate,
            String coverUrl) {

        ImportedEpisodes.Season asImported() {
            return new ImportedEpisodes.Season(number, name, overview, airDate, coverUrl);
        }
    }

    /** A kept episode id with its first import time, by the provider's episode id. */
    private record Kept(long id, Instant createdAt) {
    }

    private final StatelessSession session;
    private final Batches batches;
    private final Instant now;

    EpisodeImport(StatelessSession session, Batches batches, Instant now) {
        this.session = session;
        this.batches = batches;
        this.now = now;
    }

    /** The origin's series by scrape key, with the version their episodes were read at. */
    Map<String, SeriesState> series(long sourceId) {
        Map<String, SeriesState> states = new HashMap<>();
        for (Object[] r : session.createQuery(
                "select s.scrapeKey, s.id, s.episodesVersion from Series s where s.scraperSourceId = :source", Object[].class)
                .setParameter("source", sourceId).getResultList()) {
            states.put((String) r[0], new SeriesState(((Number) r[1]).longValue(), (String) r[2]));
        }
        return states;
    }

    /**
     * Applies the lists read in this run. {@code before} are the origin's series as they were before
     * this import inserted new ones: a series whose episodes change counts as updated unless it is
     * new in this run (then it was counted as added).
     */
    ImportCounts apply(ImportOrigin origin, List<ImportedEpisodes> lists, Map<String, SeriesState> before) {
        if (lists.isEmpty()) {
            return new ImportCounts(0, 0, 0);
        }
        Map<String, SeriesState> after = series(origin.sourceId());
        Map<Long, ImportedEpisodes> byId = new HashMap<>();
        for (ImportedEpisodes list : lists) {
            SeriesState state = after.get("xt:" + origin.sourceId() + ":" + list.providerId());
            if (state != null) {
                byId.putIfAbsent(state.id(), list);
            }
        }
        Map<Long, List<StoredEpisode>> episodes = storedEpisodes(byId.keySet());
        Map<Long, List<StoredSeason>> seasons = storedSeasons(byId.keySet());
        List<Long> replaced = new ArrayList<>();
        List<Object[]> versions = new ArrayList<>();
        int updated = 0;
        for (var entry : byId.entrySet()) {
            long seriesId = entry.getKey();
            ImportedEpisodes list = entry.getValue();
            List<StoredEpisode> stored = episodes.getOrDefault(seriesId, List.of());
            if (list.episodes().isEmpty() && !stored.isEmpty()) {
                continue; // an empty answer for a series with episodes is read again next run
            }
            boolean same = sameEpisodes(stored, list.episodes())
                    && sameSeasons(seasons.getOrDefault(seriesId, List.of()), list.seasons());
            if (!same) {
                replaced.add(seriesId);
                if (before.containsKey("xt:" + origin.sourceId() + ":" + list.providerId())) {
                    updated++;
                }
            }
            versions.add(new Object[] { seriesId, list.version(), !same });
        }
        replace(replaced, byId, episodes);
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        // a changed series is newer for apps that cache by last_modified
        batches.update("update series set episodes_version = ?, updated_at = ? where id = ?",
                versions.stream().filter(v -> (Boolean) v[2]).toList(), (ps, v) -> {
                    ps.setString(1, (String) v[1]);
                    ps.setObject(2, at);
                    ps.setLong(3, (Long) v[0]);
                });
        batches.update("update series set episodes_version = ? where id = ?",
                versions.stream().filter(v -> !(Boolean) v[2]).toList(), (ps, v) -> {
                    ps.setString(1, (String) v[1]);
                    ps.setLong(2, (Long) v[0]);
                });
        return new ImportCounts(0, updated, 0);
    }

    private void replace(List<Long> replaced, Map<Long, ImportedEpisodes> byId, Map<Long, List<StoredEpisode>> stored) {
        if (replaced.isEmpty()) {
            return;
        }
        // delete first: the new lists may reuse (season, number) pairs the old rows hold
        batches.update("delete from episodes where series_id = ?", replaced, (ps, id) -> ps.setLong(1, id));
        batches.update("delete from seasons where series_id = ?", replaced, (ps, id) -> ps.setLong(1, id));
        List<Object[]> kept = new ArrayList<>();
        List<Object> fresh = new ArrayList<>();
        for (long seriesId : replaced) {
            Map<String, Kept> ids = new HashMap<>();
            for (StoredEpisode e : stored.getOrDefault(seriesId, List.of())) {
                if (e.providerId() != null) {
                    ids.putIfAbsent(e.providerId(), new Kept(e.id(), e.createdAt()));
                }
            }
            Series series = new Series(); // a reference by id: the row exists
            series.id = seriesId;
            ImportedEpisodes list = byId.get(seriesId);
            for (ImportedEpisodes.Episode e : list.episodes()) {
                Kept k = ids.get(e.providerId());
                if (k != null) {
                    kept.add(new Object[] { k, seriesId, e });
                } else {
                    fresh.add(episode(series, e));
                }
            }
            for (ImportedEpisodes.Season s : list.seasons()) {
                fresh.add(season(series, s));
            }
        }
        batches.update(INSERT_KEPT, kept, (ps, row) -> {
            Kept k = (Kept) row[0];
            ImportedEpisodes.Episode e = (ImportedEpisodes.Episode) row[2];
            ps.setLong(1, k.id());
            ps.setLong(2, (Long) row[1]);
            ps.setInt(3, e.season());
            ps.setInt(4, e.number());
            ps.setString(5, e.title());
            ps.setString(6, e.url());
            ps.setString(7, e.extension());
            ps.setString(8, e.plot());
            Batches.setInt(ps, 9, e.durationSeconds());
            ps.setString(10, e.imageUrl());
            ps.setObject(11, OffsetDateTime.ofInstant(k.createdAt(), ZoneOffset.UTC));
            ps.setString(12, e.providerId());
        });
        batches.insert(fresh);
    }

    private Episode episode(Series series, ImportedEpisodes.Episode in) {
        Episode e = new Episode();
        e.series = series;
        e.providerId = in.providerId();
        e.seasonNumber = in.season();
        e.episodeNumber = in.number();
        e.title = in.title();
        e.sourceUrl = in.url();
        e.containerExtension = in.extension();
        e.plot = in.plot();
        e.durationSeconds = in.durationSeconds();
        e.imageUrl = in.imageUrl();
        e.createdAt = now;
        return e;
    }

    private static Season season(Series series, ImportedEpisodes.Season in) {
        Season s = new Season();
        s.series = series;
        s.seasonNumber = in.number();
        s.name = in.name();
        s.overview = in.overview();
        s.airDate = in.airDate();
        s.coverUrl = in.coverUrl();
        return s;
    }

    private static boolean sameEpisodes(List<StoredEpisode> stored, List<ImportedEpisodes.Episode> listed) {
        if (stored.size() != listed.size()) {
            return false;
        }
        Map<String, ImportedEpisodes.Episode> byKey = new HashMap<>();
        stored.forEach(e -> byKey.put(e.providerId() + "/" + e.season() + "/" + e.number(), e.asImported()));
        return listed.stream()
                .allMatch(e -> Objects.equals(byKey.get(e.providerId() + "/" + e.season() + "/" + e.number()), e));
    }

    private static boolean sameSeasons(List<StoredSeason> stored, List<ImportedEpisodes.Season> listed) {
        if (stored.size() != listed.size()) {
            return false;
        }
        Map<Integer, ImportedEpisodes.Season> byNumber = new HashMap<>();
        stored.forEach(s -> byNumber.put(s.number(), s.asImported()));
        return listed.stream().allMatch(s -> Objects.equals(byNumber.get(s.number()), s));
    }

    private Map<Long, List<StoredEpisode>> storedEpisodes(Collection<Long> seriesIds) {
        Map<Long, List<StoredEpisode>> out = new HashMap<>();
        for (List<Long> chunk : chunks(seriesIds)) {
            session.createQuery("""
                    select e.id, e.series.id, e.providerId, e.seasonNumber, e.episodeNumber, e.title, e.sourceUrl,
                           e.containerExtension, e.plot, e.durationSeconds, e.imageUrl, e.createdAt
                    from Episode e where e.series.id in :ids""", StoredEpisode.class).setParameter("ids", chunk)
                    .getResultList().forEach(e -> out.computeIfAbsent(e.seriesId(), k -> new ArrayList<>()).add(e));
        }
        return out;
    }

    private Map<Long, List<StoredSeason>> storedSeasons(Collection<Long> seriesIds) {
        Map<Long, List<StoredSeason>> out = new HashMap<>();
        for (List<Long> chunk : chunks(seriesIds)) {
            session.createQuery("""
                    select s.series.id, s.seasonNumber, s.name, s.overview, s.airDate, s.coverUrl
                    from Season s where s.series.id in :ids""", StoredSeason.class).setParameter("ids", chunk)
                    .getResultList().forEach(s -> out.computeIfAbsent(s.seriesId(), k -> new ArrayList<>()).add(s));
        }
        return out;
    }

    /** Id lists of at most {@link Batches#SIZE}, so that no {@code in} list grows with the catalog. */
    private static List<List<Long>> chunks(Collection<Long> ids) {
        List<Long> all = new ArrayList<>(ids);
        List<List<Long>> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += Batches.SIZE) {
            out.add(all.subList(from, Math.min(all.size(), from + Batches.SIZE)));
        }
        return out;
    }
}
