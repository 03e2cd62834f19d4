package org.polyplex.catalog.vod;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.polyplex.catalog.CatalogChanged;
import org.polyplex.catalog.CategoryService;
import org.polyplex.catalog.model.CategoryKind;
import org.polyplex.platform.persistence.DbConstraints;
import org.polyplex.platform.persistence.Queries;
import org.polyplex.platform.web.ApiException;
import org.polyplex.platform.web.Page;

import io.quarkus.panache.common.Sort;

/** Movie administration. */
@ApplicationScoped
public class MovieService {

    private final Clock clock;
    private final Event<CatalogChanged> changed;

    MovieService(Clock clock, Event<CatalogChanged> changed) {
        this.clock = clock;
        this.changed = changed;
    }

    public Page<Movie> list(Long categoryId, String q, int page, int size) {
        Queries.Filter filter = new Queries.Filter()
                .equal("categoryId", categoryId)
                .contains("name", q);
        var query = Movie.<Movie> find(filter.where(), Sort.by("name").and("id"), filter.params());
        return new Page<>(query.page(page, size).list(), query.count());
    }

    public Movie get(long id) {
        return Movie.<Movie> findByIdOptional(id).orElseThrow(() -> ApiException.notFound("movie", id));
    }

    @Transactional
    public Movie create(MovieInput input) {
        Movie movie = new Movie();
        movie.createdAt = clock.instant();
        apply(movie, input);
        movie.persist();
        flush();
        return movie;
    }

    @Transactional
    public Movie update(long id, MovieInput input) {
        Movie movie = get(id);
        apply(movie, input);
        flush();
        return movie;
    }

    @Transactional
    public void delete(long id) {
        get(id).delete();
        changed.fire(new CatalogChanged());
        flush();
    }

    private void apply(Movie movie, MovieInput in) {
        CategoryService.requireKind(in.categoryId(), CategoryKind.MOVIE);
        movie.name = in.name().strip();
        movie.categoryId = in.categoryId();
        movie.sourceUrl = VodInputs.sourceUrl("sourceUrl", in.sourceUrl());
        movie.containerExtension = VodInputs.extension(in.containerExtension());
        movie.posterUrl = VodInputs.blankToNull(in.posterUrl());
        movie.plot = VodInputs.blankToNull(in.plot());
        movie.cast = VodInputs.blankToNull(in.cast());
        movie.director = VodInputs.blankToNull(in.director());
        movie.genre = VodInputs.blankToNull(in.genre());
        movie.releaseDate = in.releaseDate();
        movie.durationSeconds = in.durationSeconds();
        movie.rating = in.rating();
        movie.tmdbId = VodInputs.blankToNull(in.tmdbId());
        movie.trailer = VodInputs.blankToNull(in.trailer());
        movie.enabled = !Boolean.FALSE.equals(in.enabled());
        changed.fire(new CatalogChanged());
    }

    private static void flush() {
        DbConstraints.flush(kind -> switch (kind) {
            case UNIQUE -> ApiException.conflict("id", "movie already exists");
            case FOREIGN_KEY -> ApiException.invalid("categoryId", "refers to a category that does not exist");
        });
    }
}
