package org.polyplex.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The enabled movies and series (with seasons and episodes) as one immutable value, part of
 * {@link CatalogSnapshot}. Lists are in display order: name, then id.
 */
public final class VodCatalog {

    /** An enabled movie. */
    public record Movie(long id, String name, Long categoryId, String sourceUrl, String extension, String posterUrl,
            String plot, String cast, String director, String genre, LocalDate releaseDate, Integer durationSeconds,
            BigDecimal rating, String tmdbId, String trailer, Instant createdAt) {
    }

    /** Season metadata; a season may exist only through its episodes. */
    public record Season(long id, int number, String name, String overview, LocalDate airDate, String coverUrl) {
    }

    /** One episode, played 1:1 like a movie. */
    public record Episode(long id, long seriesId, int season, int number, String title, String sourceUrl,
            String extension, String plot, Integer durationSeconds, String imageUrl, Instant createdAt) {
    }

    /** An enabled series with its seasons and its episodes ordered by season, then number. */
    public record Series(long id, String name, Long categoryId, String coverUrl, String backdropUrl, String plot,
            String cast, String director, String genre, LocalDate releaseDate, BigDecimal rating, String tmdbId,
            String trailer, Instant updatedAt, List<Season> seasons, List<Episode> episodes) {
    }

    static final VodCatalog EMPTY = new VodCatalog(List.of(), List.of());

    private final List<Movie> movies;
    private final Map<Long, Movie> moviesById;
    private final List<Series> series;
    private final Map<Long, Series> seriesById;
    private final Map<Long, Episode> episodesById;

    VodCatalog(List<Movie> movies, List<Series> series) {
        this.movies = movies.stream()
                .sorted(Comparator.comparing(Movie::name, String.CASE_INSENSITIVE_ORDER).thenComparingLong(Movie::id))
                .toList();
        this.moviesById = movies.stream().collect(Collectors.toUnmodifiableMap(Movie::id, Function.identity()));
        this.series = series.stream()
                .sorted(Comparator.comparing(Series::name, String.CASE_INSENSITIVE_ORDER).thenComparingLong(Series::id))
                .toList();
        this.seriesById = series.stream().collect(Collectors.toUnmodifiableMap(Series::id, Function.identity()));
        this.episodesById = series.stream().flatMap(s -> s.episodes().stream())
                .collect(Collectors.toUnmodifiableMap(Episode::id, Function.identity()));
    }

    public List<Movie> movies() {
        return movies;
    }

    public Optional<Movie> movie(long id) {
        return Optional.ofNullable(moviesById.get(id));
    }

    public List<Series> series() {
        return series;
    }

    public Optional<Series> series(long id) {
        return Optional.ofNullable(seriesById.get(id));
    }

    /** An episode of an enabled series. */
    public Optional<Episode> episode(long id) {
        return Optional.ofNullable(episodesById.get(id));
    }
}
