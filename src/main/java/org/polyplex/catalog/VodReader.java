package org.polyplex.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.polyplex.catalog.vod.Episode;
import org.polyplex.catalog.vod.Movie;
import org.polyplex.catalog.vod.Season;
import org.polyplex.catalog.vod.Series;

/** Reads the enabled VOD catalog in three queries; runs inside {@link CatalogService}'s transaction. */
final class VodReader {

    private VodReader() {
    }

    static VodCatalog read() {
        var em = Movie.getEntityManager();
        List<VodCatalog.Movie> movies = Movie.<Movie> stream("enabled", true)
                .map(m -> new VodCatalog.Movie(m.id, m.name, m.categoryId, m.sourceUrl, m.containerExtension,
                        m.posterUrl, m.plot, m.cast, m.director, m.genre, m.releaseDate, m.durationSeconds, m.rating,
                        m.tmdbId, m.trailer, m.createdAt))
                .toList();
        Map<Long, List<VodCatalog.Season>> seasons = new HashMap<>();
        em.createQuery("select s from Season s join fetch s.series x where x.enabled = true order by s.seasonNumber",
                Season.class).getResultStream()
                .forEach(s -> seasons.computeIfAbsent(s.series.id, id -> new ArrayList<>()).add(new VodCatalog.Season(
                        s.id, s.seasonNumber, s.name, s.overview, s.airDate, s.coverUrl)));
        Map<Long, List<VodCatalog.Episode>> episodes = new HashMap<>();
        em.createQuery("select e from Episode e join fetch e.series x where x.enabled = true "
                + "order by e.seasonNumber, e.episodeNumber", Episode.class).getResultStream()
                .forEach(e -> episodes.computeIfAbsent(e.series.id, id -> new ArrayList<>()).add(new VodCatalog.Episode(
                        e.id, e.series.id, e.seasonNumber, e.episodeNumber, e.title, e.sourceUrl,
                        e.containerExtension, e.plot, e.durationSeconds, e.imageUrl, e.createdAt)));
        List<VodCatalog.Series> series = Series.<Series> stream("enabled", true)
                .map(s -> new VodCatalog.Series(s.id, s.name, s.categoryId, s.coverUrl, s.backdropUrl, s.plot, s.cast,
                        s.director, s.genre, s.releaseDate, s.rating, s.tmdbId, s.trailer, s.updatedAt,
                        List.copyOf(seasons.getOrDefault(s.id, List.of())),
                        List.copyOf(episodes.getOrDefault(s.id, List.of()))))
                .toList();
        return new VodCatalog(movies, series);
    }
}
