package org.polyplex.scraping.xtream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.polyplex.catalog.importing.ImportedEpisodes;
import org.polyplex.scraping.Fixtures;
import org.polyplex.scraping.fetch.Fetched;
import org.polyplex.scraping.parser.Harvest;
import org.polyplex.scraping.parser.ScrapedChannel;
import org.polyplex.scraping.parser.ScrapedVod;
import org.polyplex.scraping.source.ScrapeFailure;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class XtreamHarvesterTest {

    private final Map<String, String> answers = new HashMap<>(Map.of(
            "", "xtream/login.json",
            "get_live_categories", "xtream/live_categories.json",
            "get_live_streams", "xtream/live_streams.json",
            "get_vod_categories", "xtream/vod_categories.json",
            "get_vod_streams", "xtream/vod_streams.json",
            "get_series_categories", "xtream/series_categories.json",
            "get_series", "xtream/series.json"));

    /** Bodies given inline, by action (with its parameters), before the fixture files. */
    private final Map<String, String> inline = new ConcurrentHashMap<>();
    private final List<String> seriesRequests = new CopyOnWriteArrayList<>();

    private Fetched fetch(String url) {
        String query = URI.create(url).getRawQuery();
        assertThat(query).startsWith("username=user%201&password=p%26ss");
        String action = query.contains("action=") ? query.substring(query.indexOf("action=") + 7) : "";
        if (action.startsWith("get_series_info")) {
            seriesRequests.add(action.substring(action.indexOf("series_id=") + 10));
        }
        if (inline.containsKey(action)) {
            return new Fetched(inline.get(action).getBytes(StandardCharsets.UTF_8), "application/json", url);
        }
        if (action.equals("get_series_info&series_id=301")) {
            return new Fetched(Fixtures.bytes("xtream/series_info.json"), "application/json", url);
        }
        if (!answers.containsKey(action)) {
            throw new ScrapeFailure("HTTP 404 from " + url);
        }
        return new Fetched(Fixtures.bytes(answers.get(action)), "application/json", url);
    }

    private Harvest withEpisodes(SeriesEpisodes.Limits limits, Map<String, String> known) {
        return new XtreamHarvester(this::fetch, 1000, new SeriesEpisodes(this::fetch, limits, known))
                .harvest("http://provider.example:8080", "user 1", "p&ss");
    }

    private static final SeriesEpisodes.Limits LIMITS = new SeriesEpisodes.Limits(4, 100, 100, 1000);

    /** get_series listing the given series ids, each at version "v1". */
    private void listSeries(String... ids) {
        StringBuilder json = new StringBuilder("[");
        for (String id : ids) {
            json.append(json.length() > 1 ? "," : "").append("{\"name\":\"Show ").append(id).append("\",\"series_id\":\"")
                    .append(id).append("\",\"last_modified\":\"v1\"}");
        }
        inline.put("get_series", json.append("]").toString());
    }

    private static String oneEpisode(String id) {
        return "{\"seasons\":[],\"info\":{},\"episodes\":{\"1\":[{\"id\":\"" + id
                + "\",\"episode_num\":1,\"title\":\"E\",\"container_extension\":\"mp4\",\"info\":{}}]}}";
    }

    @Test
    void importsLiveMoviesAndSeriesWithProviderUrls() {
        Harvest harvest = new XtreamHarvester(this::fetch, 1000).harvest("http://provider.example:8080/player_api.php?x=1",
                "user 1", "p&ss");

        String creds = "/user%201/p%26ss/";
        assertThat(harvest.channels()).containsExactly(
                new ScrapedChannel("News 24", "http://provider.example:8080/live" + creds + "101.ts", "news24.example",
                        "http://logos.example/n24.png", "News", null, "101"),
                new ScrapedChannel("Sport 1", "http://provider.example:8080/live" + creds + "102.ts", null, null, "Sports",
                        null,
                        "102"));
        assertThat(harvest.movies()).extracting(ScrapedVod::url).containsExactly(
                "http://provider.example:8080/movie" + creds + "201.mkv",
                "http://provider.example:8080/movie" + creds + "202.mp4");
        assertThat(harvest.movies().get(0).group()).isEqualTo("Action");
        assertThat(harvest.series()).extracting(ScrapedVod::name, ScrapedVod::group)
                .containsExactly(Tuple.tuple("Long Show", "Drama"));
        assertThat(harvest.maxConnections()).isEqualTo(2);
        assertThat(harvest.skipped()).isEqualTo(1);
        assertThat(harvest.skipReasons()).containsExactly("live stream without a valid stream_id: 'Broken'");
    }

    @Test
    void readsTheSeasonsAndEpisodesOfANewSeriesWithProviderUrls() {
        Harvest harvest = withEpisodes(LIMITS, Map.of());

        assertThat(harvest.episodes()).hasSize(1);
        ImportedEpisodes show = harvest.episodes().get(0);
        assertThat(show.providerId()).isEqualTo("301");
        assertThat(show.version()).isEqualTo("1700000000");
        String base = "http://provider.example:8080/series/user%201/p%26ss/";
        assertThat(show.episodes()).containsExactly(
                new ImportedEpisodes.Episode("5001", 1, 1, "Long Show - S01E01 - Pilot", base + "5001.mkv", "mkv",
                        "It begins.", 1500, "http://img.example/e1.jpg"),
                new ImportedEpisodes.Episode("5002", 1, 2, "Long Show - S01E02", base + "5002.mp4", "mp4", null, 1600,
                        null),
                new ImportedEpisodes.Episode("5003", 2, 1, "Episode 1", base + "5003.mp4", "mp4", null, null, null));
        assertThat(show.seasons()).containsExactly(
                new ImportedEpisodes.Season(1, "Season One", "The start.", LocalDate.of(2019, 1, 2),
                        "http://img.example/s1.jpg"),
                new ImportedEpisodes.Season(2, "Season 2", null, null, "http://img.example/s2-big.jpg"));
        assertThat(harvest.warnings()).containsExactly(
                "2 episodes skipped (no valid id, season or number, or listed twice)");
    }

    @Test
    void readsOnlySeriesThatAreNewOrWhoseLastModifiedChanged() {
        Harvest unchanged = withEpisodes(LIMITS, Map.of("301", "1700000000"));

        assertThat(seriesRequests).isEmpty();
        assertThat(unchanged.episodes()).isEmpty();
        assertThat(unchanged.warnings()).isEmpty();

        Harvest changed = withEpisodes(LIMITS, Map.of("301", "1600000000"));

        assertThat(seriesRequests).containsExactly("301");
        assertThat(changed.episodes()).extracting(ImportedEpisodes::version).containsExactly("1700000000");
    }

    @Test
    void aSeriesWhoseAnswerFailsIsLeftOutAndNamedWithoutTheCredentials() {
        listSeries("301", "302", "303", "304", "305");
        inline.put("get_series_info&series_id=302", "{\"episodes\": {\"1\": [ {\"id\": ");
        inline.put("get_series_info&series_id=303", "[]");
        inline.put("get_series_info&series_id=305", "{\"seasons\":[],\"info\":[],\"episodes\":[]}");
        // 304 is not answered: the fetch fails with the URL in its message

        Harvest harvest = withEpisodes(LIMITS, Map.of());

        assertThat(harvest.episodes()).extracting(ImportedEpisodes::providerId).containsExactly("301", "305");
        assertThat(harvest.episodes().get(1).episodes()).isEmpty();
        assertThat(harvest.warnings()).anySatisfy(w -> assertThat(w).startsWith(
                "3 series could not have their episodes read and keep what they had (series 302: the provider answered"
                        + " malformed JSON; series 303: the provider answered something other than an object; series 304:"
                        + " HTTP 404 from http://provider.example:8080/player_api.php?username=***&password=***"));
        assertThat(String.join(" ", harvest.warnings())).doesNotContain("p%26ss").doesNotContain("user%201");
        assertThat(harvest.series()).hasSize(5);
    }

    @Test
    void readsEpisodesListedAsArraysOfSeasons() {
        listSeries("401");
        inline.put("get_series_info&series_id=401", """
                {"seasons": {"1": {}}, "info": [], "episodes": [
                  [{"id": "7001", "season": 1, "episode_num": "1", "title": "A", "container_extension": "avi"}],
                  [{"id": "7002", "season": "2", "episode_num": 1, "title": "B"}, "junk"]]}""");

        Harvest harvest = withEpisodes(LIMITS, Map.of());

        assertThat(harvest.episodes().get(0).episodes()).extracting(ImportedEpisodes.Episode::providerId,
                ImportedEpisodes.Episode::season, ImportedEpisodes.Episode::extension)
                .containsExactly(Tuple.tuple("7001", 1, "avi"), Tuple.tuple("7002", 2, "mp4"));
        assertThat(harvest.episodes().get(0).seasons()).isEmpty();
    }

    @Test
    void boundsSeriesPerRunEpisodesPerSeriesAndEpisodesPerRun() {
        listSeries("301", "502", "503");
        inline.put("get_series_info&series_id=502", oneEpisode("8002"));
        inline.put("get_series_info&series_id=503", oneEpisode("8003"));

        Harvest perRun = withEpisodes(new SeriesEpisodes.Limits(1, 2, 100, 1000), Map.of());
        assertThat(perRun.episodes()).extracting(ImportedEpisodes::providerId).containsExactly("301", "502");
        assertThat(perRun.warnings()).contains(
                "1 series wait for the next run to have their episodes read (polyplex.scraping.series.max-per-run)");

        Harvest perSeries = withEpisodes(new SeriesEpisodes.Limits(1, 100, 2, 1000), Map.of());
        assertThat(perSeries.episodes()).extracting(ImportedEpisodes::providerId).containsExactly("502", "503");
        assertThat(perSeries.warnings()).anySatisfy(w -> assertThat(w)
                .contains("series 301: more than 2 episodes (polyplex.scraping.series.max-episodes)"));

        Harvest budget = withEpisodes(new SeriesEpisodes.Limits(1, 100, 100, 4), Map.of());
        assertThat(budget.episodes()).extracting(ImportedEpisodes::providerId).containsExactly("301", "502");
        assertThat(budget.warnings()).contains("1 series wait for the next run to have their episodes read"
                + " (polyplex.scraping.series.max-episodes-per-run)");
    }

    @Test
    void keepsAtMostTheConfiguredNumberOfRequestsInFlight() {
        listSeries("601", "602", "603", "604", "605", "606");
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        // two requests must meet: a reader that fetched one at a time would time out here
        CyclicBarrier pairs = new CyclicBarrier(2);
        Function<String, Fetched> slow = url -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                pairs.await(20, TimeUnit.SECONDS);
                String id = url.substring(url.indexOf("series_id=") + 10);
                return new Fetched(oneEpisode("9" + id).getBytes(StandardCharsets.UTF_8), "application/json", url);
            } catch (Exception e) {
                throw new ScrapeFailure("no partner request: " + e);
            } finally {
                inFlight.decrementAndGet();
            }
        };

        Harvest harvest = new XtreamHarvester(this::fetch, 1000,
                new SeriesEpisodes(slow, new SeriesEpisodes.Limits(2, 100, 100, 1000), Map.of()))
                .harvest("http://provider.example:8080", "user 1", "p&ss");

        assertThat(harvest.episodes()).hasSize(6);
        assertThat(most.get()).isEqualTo(2);
    }

    @Test
    void rejectedCredentialsFailTheRun() {
        answers.put("", "xtream/series_categories.json");

        assertThatThrownBy(() -> new XtreamHarvester(this::fetch, 1000).harvest("http://provider.example", "user 1", "p&ss"))
                .isInstanceOf(ScrapeFailure.class).hasMessage("the provider rejected the account's credentials");
    }

    @Test
    void baseUrl() {
        assertThat(XtreamHarvester.baseUrl("http://h.example:80/")).isEqualTo("http://h.example:80");
        assertThat(XtreamHarvester.baseUrl("http://h.example/player_api.php?username=a")).isEqualTo("http://h.example");
    }
}
