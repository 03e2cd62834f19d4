package org.polyplex.scraping.xtream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

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

    private Fetched fetch(String url) {
        String query = URI.create(url).getRawQuery();
        assertThat(query).startsWith("username=user%201&password=p%26ss");
        String action = query.contains("action=") ? query.substring(query.indexOf("action=") + 7) : "";
        return new Fetched(Fixtures.bytes(answers.get(action)), "application/json", url);
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
