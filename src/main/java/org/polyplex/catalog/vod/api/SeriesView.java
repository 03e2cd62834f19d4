package org.polyplex.catalog.vod.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.polyplex.catalog.vod.Episode;
import org.polyplex.catalog.vod.Season;
import org.polyplex.catalog.vod.Series;

/** A series as the admin API shows it, episodes nested in their seasons. */
public record SeriesView(long id, String name, Long categoryId, String coverUrl, String backdropUrl, String plot,
        String cast, String director, String genre, LocalDate releaseDate, BigDecimal rating, String tmdbId,
        String trailer, boolean enabled, List<SeasonView> seasons, Instant createdAt, Instant updatedAt) {

    /** One season with its episodes in order. */
    public record SeasonView(long id, int seasonNumber, String name, String overview, LocalDate airDate,
            String coverUrl, List<EpisodeView> episodes) {
    }

    /** One episode; {@code id} is the id in {@code /series/u/p/{id}.{ext}}. */
    public record EpisodeView(long id, int episodeNumber, String title, String sourceUrl, String containerExtension,
            String plot, Integer durationSeconds, String imageUrl, Instant createdAt) {
    }

    static SeriesView of(Series s) {
        List<SeasonView> seasons = s.seasons.stream()
                .sorted((a, b) -> Integer.compare(a.seasonNumber, b.seasonNumber))
                .map(season -> season(season, s.episodes))
                .toList();
        return new SeriesView(s.id, s.name, s.categoryId, s.coverUrl, s.backdropUrl, s.plot, s.cast, s.director,
                s.genre, s.releaseDate, s.rating, s.tmdbId, s.trailer, s.enabled, seasons, s.createdAt, s.updatedAt);
    }

    private static SeasonView season(Season season, List<Episode> episodes) {
        return new SeasonView(season.id == null ? 0 : season.id, season.seasonNumber, season.name, season.overview,
                season.airDate, season.coverUrl, episodes.stream()
                        .filter(e -> e.seasonNumber == season.seasonNumber)
                        .sorted((a, b) -> Integer.compare(a.episodeNumber, b.episodeNumber))
                        .map(e -> new EpisodeView(e.id, e.episodeNumber, e.title, e.sourceUrl, e.containerExtension,
                                e.plot, e.durationSeconds, e.imageUrl, e.createdAt))
                        .toList());
    }
}
