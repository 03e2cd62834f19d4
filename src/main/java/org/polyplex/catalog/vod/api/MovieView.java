package org.polyplex.catalog.vod.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.polyplex.catalog.vod.Movie;

/** A movie as the admin API shows it. */
public record MovieView(long id, String name, Long categoryId, String sourceUrl, String containerExtension,
        String posterUrl, String plot, String cast, String director, String genre, LocalDate releaseDate,
        Integer durationSeconds, BigDecimal rating, String tmdbId, String trailer, boolean enabled, Instant createdAt) {

    static MovieView of(Movie m) {
        return new MovieView(m.id, m.name, m.categoryId, m.sourceUrl, m.containerExtension, m.posterUrl, m.plot,
                m.cast, m.director, m.genre, m.releaseDate, m.durationSeconds, m.rating, m.tmdbId, m.trailer,
                m.enabled, m.createdAt);
    }
}
