package org.polyplex.catalog.vod;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.polyplex.catalog.CatalogChanged;
import org.polyplex.catalog.CategoryService;
import org.polyplex.catalog.model.CategoryKind;
import org.polyplex.catalog.vod.SeriesInput.EpisodeInput;
import org.polyplex.catalog.vod.SeriesInput.SeasonInput;
import org.polyplex.platform.persistence.DbConstraints;
import org.polyplex.platform.persistence.Queries;
import org.polyplex.platform.web.ApiException;
import org.polyplex.platform.web.Page;

import io.quarkus.panache.common.Sort;

/** Series administration, seasons and episodes included. */
@ApplicationScoped
public class SeriesService {

    private final Clock clock;
    private final Event<CatalogChanged> changed;

    SeriesService(Clock clock, Event<CatalogChanged> changed) {
        this.clock = clock;
        this.changed = changed;
    }

    public Page<Series> list(Long categoryId, String q, int page, int size) {
        Queries.Filter filter = new Queries.Filter()
                .equal("categoryId", categoryId)
                .contains("name", q);
        var query = Series.<Series> find(filter.where(), Sort.by("name").and("id"), filter.params());
        return new Page<>(query.page(page, size).list(), query.count());
    }

    public Series get(long id) {
        return Series.<Series> findByIdOptional(id).orElseThrow(() -> ApiException.notFound("series", id));
    }

    @Transactional
    public Series create(SeriesInput input) {
        Series series = new Series();
        series.createdAt = clock.instant();
        apply(series, input);
        series.persist();
        flush();
        return series;
    }

    @Transactional
    public Series update(long id, SeriesInput input) {
        Series series = get(id);
        apply(series, input);
        flush();
        return series;
    }

    @Transactional
    public void delete(long id) {
        get(id).delete();
        changed.fire(new CatalogChanged());
        flush();
    }

    private void apply(Series series, SeriesInput in) {
        CategoryService.requireKind(in.categoryId(), CategoryKind.SERIES);
        series.name = in.name().strip();
        series.categoryId = in.categoryId();
        series.coverUrl = VodInputs.blankToNull(in.coverUrl());
        series.backdropUrl = VodInputs.blankToNull(in.backdropUrl());
        series.plot = VodInputs.blankToNull(in.plot());
        series.cast = VodInputs.blankToNull(in.cast());
        series.director = VodInputs.blankToNull(in.director());
        series.genre = VodInputs.blankToNull(in.genre());
        series.releaseDate = in.releaseDate();
        series.rating = in.rating();
        series.tmdbId = VodInputs.blankToNull(in.tmdbId());
        series.trailer = VodInputs.blankToNull(in.trailer());
        series.enabled = !Boolean.FALSE.equals(in.enabled());
        series.updatedAt = clock.instant();
        reconcile(series, in.seasons() == null ? List.of() : in.seasons());
        changed.fire(new CatalogChanged());
    }

    /**
     * Makes seasons and episodes equal the input, updating rows whose numbers stay so that
     * episode ids (which are in apps' stream URLs and favourites) survive an edit, and so that
     * no delete-then-insert of the same numbers trips the unique constraints in one flush.
     */
    private void reconcile(Series series, List<SeasonInput> seasons) {
        Map<Integer, Season> oldSeasons = new HashMap<>();
        series.seasons.forEach(s -> oldSeasons.put(s.seasonNumber, s));
        Map<String, Episode> oldEpisodes = new HashMap<>();
        series.episodes.forEach(e -> oldEpisodes.put(e.seasonNumber + "x" + e.episodeNumber, e));
        Set<Integer> seasonNumbers = new HashSet<>();
        Set<String> episodeKeys = new HashSet<>();
        for (int i = 0; i < seasons.size(); i++) {
            SeasonInput in = seasons.get(i);
            if (!seasonNumbers.add(in.seasonNumber())) {
                throw ApiException.invalid("seasons[" + i + "].seasonNumber", "is listed twice");
            }
            Season season = oldSeasons.get(in.seasonNumber());
            if (season == null) {
                season = new Season();
                season.series = series;
                season.seasonNumber = in.seasonNumber();
                series.seasons.add(season);
            }
            season.name = VodInputs.blankToNull(in.name());
            season.overview = VodInputs.blankToNull(in.overview());
            season.airDate = in.airDate();
            season.coverUrl = VodInputs.blankToNull(in.coverUrl());
            List<EpisodeInput> episodes = in.episodes() == null ? List.of() : in.episodes();
            for (int j = 0; j < episodes.size(); j++) {
                EpisodeInput e = episodes.get(j);
                String field = "seasons[" + i + "].episodes[" + j + "]";
                String key = in.seasonNumber() + "x" + e.episodeNumber();
                if (!episodeKeys.add(key)) {
                    throw ApiException.invalid(field + ".episodeNumber", "is listed twice");
                }
                Episode episode = oldEpisodes.get(key);
                if (episode == null) {
                    episode = new Episode();
                    episode.series = series;
                    episode.seasonNumber = in.seasonNumber();
                    episode.episodeNumber = e.episodeNumber();
                    episode.createdAt = clock.instant();
                    series.episodes.add(episode);
                }
                episode.title = e.title().strip();
                episode.sourceUrl = VodInputs.sourceUrl(field + ".sourceUrl", e.sourceUrl());
                episode.containerExtension = VodInputs.extension(e.containerExtension());
                episode.plot = VodInputs.blankToNull(e.plot());
                episode.durationSeconds = e.durationSeconds();
                episode.imageUrl = VodInputs.blankToNull(e.imageUrl());
            }
        }
        series.seasons.removeIf(s -> !seasonNumbers.contains(s.seasonNumber));
        series.episodes.removeIf(e -> !episodeKeys.contains(e.seasonNumber + "x" + e.episodeNumber));
    }

    private static void flush() {
        DbConstraints.flush(kind -> switch (kind) {
            case UNIQUE -> ApiException.conflict("seasons", "season or episode numbers are taken");
            case FOREIGN_KEY -> ApiException.invalid("categoryId", "refers to a category that does not exist");
        });
    }
}
