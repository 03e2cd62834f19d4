package org.polyplex.xtream.listing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import org.polyplex.catalog.VodCatalog;
import org.polyplex.xtream.gate.XtreamSession;
import org.polyplex.xtream.model.vod.EpisodeItem;
import org.polyplex.xtream.model.vod.MovieData;
import org.polyplex.xtream.model.vod.MovieInfo;
import org.polyplex.xtream.model.vod.SeasonInfo;
import org.polyplex.xtream.model.vod.SeriesInfo;
import org.polyplex.xtream.model.vod.VodInfo;

/**
 * {@code get_vod_info} and {@code get_series_info}. An unknown, invisible or malformed id answers
 * what panels answer, empty arrays in place of the objects ({@code "info":[]}), never an error.
 */
public final class XtreamDetails {

    static final Map<String, List<Object>> NO_MOVIE = orderedEmpty("info", "movie_data");
    static final Map<String, List<Object>> NO_SERIES = orderedEmpty("seasons", "info", "episodes");

    private XtreamDetails() {
    }

    public static Object vodInfo(XtreamSession session, String vodId) {
        return visibleMovie(session, vodId).<Object> map(XtreamDetails::vodInfo).orElse(NO_MOVIE);
    }

    public static Object seriesInfo(XtreamSession session, String seriesId) {
        return visibleSeries(session, seriesId).<Object> map(XtreamDetails::seriesInfo).orElse(NO_SERIES);
    }

    private static Optional<VodCatalog.Movie> visibleMovie(XtreamSession session, String vodId) {
        var id = Ids.parse(vodId);
        if (!session.active() || id.isEmpty()) {
            return Optional.empty();
        }
        return session.catalog().vod().movie(id.getAsLong()).filter(m -> session.access().canSeeCategory(m.categoryId()));
    }

    private static Optional<VodCatalog.Series> visibleSeries(XtreamSession session, String seriesId) {
        var id = Ids.parse(seriesId);
        if (!session.active() || id.isEmpty()) {
            return Optional.empty();
        }
        return session.catalog().vod().series(id.getAsLong())
                .filter(s -> session.access().canSeeCategory(s.categoryId()));
    }

    private static VodInfo vodInfo(VodCatalog.Movie m) {
        String released = m.releaseDate() == null ? "" : m.releaseDate().toString();
        String poster = XtreamMapping.orEmpty(m.posterUrl());
        String plot = XtreamMapping.orEmpty(m.plot());
        String cast = XtreamMapping.orEmpty(m.cast());
        int seconds = m.durationSeconds() == null ? 0 : m.durationSeconds();
        MovieInfo info = new MovieInfo("", XtreamMapping.orEmpty(m.tmdbId()), m.name(), m.name(), poster, poster,
                released, released, Integer.toString(seconds / 60), XtreamMapping.orEmpty(m.trailer()),
                XtreamMapping.orEmpty(m.director()), cast, cast, plot, plot, "", "", XtreamMapping.orEmpty(m.genre()),
                List.of(), seconds, XtreamMapping.duration(seconds), XtreamMapping.rating(m.rating()));
        MovieData data = new MovieData(m.id(), m.name(), m.name(), XtreamMapping.year(m.releaseDate()),
                XtreamMapping.epoch(m.createdAt()), XtreamMapping.categoryId(m.categoryId()),
                XtreamMapping.categoryIds(m.categoryId()), m.extension(), "", "");
        return new VodInfo(info, data);
    }

    private static SeriesInfo seriesInfo(VodCatalog.Series s) {
        Map<String, List<EpisodeItem>> episodes = new LinkedHashMap<>();
        Map<Integer, Integer> counts = new TreeMap<>();
        for (VodCatalog.Episode e : s.episodes()) {
            counts.merge(e.season(), 1, Integer::sum);
            episodes.computeIfAbsent(Integer.toString(e.season()), k -> new ArrayList<>()).add(episode(e));
        }
        TreeSet<Integer> numbers = new TreeSet<>(counts.keySet());
        s.seasons().forEach(season -> numbers.add(season.number()));
        List<SeasonInfo> seasons = numbers.stream().map(n -> season(s, n, counts.getOrDefault(n, 0))).toList();
        return new SeriesInfo(seasons, XtreamMapping.series(s, 1), episodes);
    }

    private static SeasonInfo season(VodCatalog.Series s, int number, int episodeCount) {
        Optional<VodCatalog.Season> meta = s.seasons().stream().filter(x -> x.number() == number).findFirst();
        String cover = meta.map(VodCatalog.Season::coverUrl).orElse(XtreamMapping.orEmpty(s.coverUrl()));
        return new SeasonInfo(meta.map(VodCatalog.Season::airDate).map(Object::toString).orElse(""), episodeCount,
                meta.map(VodCatalog.Season::id).orElse((long) number),
                meta.map(VodCatalog.Season::name).orElse("Season " + number),
                meta.map(VodCatalog.Season::overview).orElse(""), number, XtreamMapping.orEmpty(cover),
                XtreamMapping.orEmpty(cover));
    }

    private static EpisodeItem episode(VodCatalog.Episode e) {
        int seconds = e.durationSeconds() == null ? 0 : e.durationSeconds();
        return new EpisodeItem(Long.toString(e.id()), e.number(), e.title(), e.extension(),
                new EpisodeItem.Info(XtreamMapping.orEmpty(e.imageUrl()), XtreamMapping.orEmpty(e.plot()), seconds,
                        XtreamMapping.duration(seconds)),
                "", XtreamMapping.epoch(e.createdAt()), e.season(), "");
    }

    private static Map<String, List<Object>> orderedEmpty(String... keys) {
        Map<String, List<Object>> map = new LinkedHashMap<>();
        for (String key : keys) {
            map.put(key, List.of());
        }
        return Collections.unmodifiableMap(map);
    }
}
