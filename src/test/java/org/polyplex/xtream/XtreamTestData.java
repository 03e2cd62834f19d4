package org.polyplex.xtream;

import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.unique;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.polyplex.xtream.listing.Ids;

/**
 * A small catalog behind one bouquet, created once per test run through the admin API: a live
 * category with two channels, a movie category with one movie, a series category with one series
 * of two seasons, and users that see only that bouquet (active, expired, disabled). Ids end up
 * in {@link #tokens} for the golden fixtures.
 */
final class XtreamTestData {

    static final String PASSWORD = "s3cret~pass";

    final String user;
    final String expiredUser;
    final String disabledUser;
    final String unrestrictedUser;
    final Map<String, Object> tokens = new HashMap<>();

    private XtreamTestData() {
        String tag = unique("x");
        long liveCat = create("/api/categories", Map.of("name", "News " + tag, "kind", "live", "sortOrder", 1));
        long movieCat = create("/api/categories", Map.of("name", "Films " + tag, "kind", "movie"));
        long seriesCat = create("/api/categories", Map.of("name", "Shows " + tag, "kind", "series"));
        int number = 100 + (int) (System.nanoTime() % 800_000);
        long ch1 = create("/api/channels", Map.of("name", "Alpha News", "number", number, "categoryId", liveCat,
                "logoUrl", "http://img.example/alpha.png", "epgId", "alpha.example", "archiveDays", 7,
                "sources", List.of(Map.of("url", "http://upstream.example/alpha.ts"))));
        long ch2 = create("/api/channels", Map.of("name", "Beta \"Live\"", "categoryId", liveCat,
                "sources", List.of(Map.of("url", "http://upstream.example/beta.ts"))));
        Map<String, Object> movie = new HashMap<>(Map.of("name", "The Movie", "categoryId", movieCat,
                "sourceUrl", "http://files.example/secret/movie.mp4", "containerExtension", "mp4",
                "posterUrl", "http://img.example/movie.jpg", "plot", "A plot.", "cast", "A, B",
                "director", "D", "genre", "Drama", "releaseDate", "2021-03-04"));
        movie.putAll(Map.of("durationSeconds", 5400, "rating", 7.5, "tmdbId", "123"));
        long movieId = create("/api/movies", movie);
        long seriesId = create("/api/series", Map.of("name", "The Show", "categoryId", seriesCat,
                "coverUrl", "http://img.example/show.jpg", "plot", "Show plot.", "genre", "Comedy",
                "releaseDate", "2019-01-02", "rating", 8,
                "seasons", List.of(
                        Map.of("seasonNumber", 1, "name", "First", "episodes", List.of(
                                episode(1, "Pilot"), episode(2, "Second"))),
                        Map.of("seasonNumber", 2, "episodes", List.of(episode(1, "Return"))))));
        var view = asAdmin().get("/api/series/" + seriesId).then().statusCode(200).extract().jsonPath();
        List<Long> episodeIds = view.getList("seasons.episodes.flatten().id", Long.class);
        List<Long> seasonIds = view.getList("seasons.id", Long.class);
        long bouquet = create("/api/bouquets", Map.of("name", "B " + tag,
                "categoryIds", List.of(liveCat, movieCat, seriesCat), "channelIds", List.of()));
        user = unique("alice");
        expiredUser = unique("old");
        disabledUser = unique("off");
        unrestrictedUser = unique("all");
        createUser(user, null, true, List.of(bouquet));
        createUser(expiredUser, "2020-01-01T00:00:00Z", true, List.of(bouquet));
        createUser(disabledUser, null, false, List.of(bouquet));
        createUser(unrestrictedUser, null, true, List.of());
        tokens.putAll(Map.of("user", user, "liveCat", liveCat, "movieCat", movieCat, "seriesCat", seriesCat,
                "ch1", ch1, "ch2", ch2, "number", number, "movie", movieId, "series", seriesId));
        tokens.putAll(Map.of("ep1", episodeIds.get(0), "ep2", episodeIds.get(1), "ep3", episodeIds.get(2),
                "expiredUser", expiredUser, "tag", tag, "s1", seasonIds.get(0), "s2", seasonIds.get(1)));
    }

    /** Creates the data; each test class keeps its own, so an app restart between classes does no harm. */
    static XtreamTestData load() {
        return new XtreamTestData();
    }

    private static Map<String, Object> episode(int number, String title) {
        return Map.of("episodeNumber", number, "title", title, "sourceUrl",
                "http://files.example/secret/show-" + title + ".mkv", "containerExtension", "mkv",
                "durationSeconds", 1500);
    }

    private static void createUser(String name, String expiresAt, boolean enabled, List<Long> bouquets) {
        Map<String, Object> body = new HashMap<>(Map.of("username", name, "password", PASSWORD,
                "maxConnections", 2, "trial", false, "enabled", enabled, "admin", false, "bouquetIds", bouquets));
        body.put("expiresAt", expiresAt);
        create("/api/users", body);
    }
}
