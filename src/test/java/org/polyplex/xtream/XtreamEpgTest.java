package org.polyplex.xtream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.unique;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.polyplex.catalog.CatalogService;
import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.epg.EpgService;
import org.polyplex.epg.EpgTestSupport;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * The guide an admin imports reaches apps through {@code player_api.php}: {@code get_short_epg}
 * and {@code get_simple_data_table} answer from the imported guide, for visible channels only.
 */
@QuarkusTest
class XtreamEpgTest {

    @Inject
    EpgService epg;

    @Inject
    CatalogService catalog;

    @Test
    void shortEpgAndDataTableComeFromTheImportedGuide() {
        String tag = EpgTestSupport.tag();
        long channel = EpgTestSupport.createChannel("Guide " + tag, "live-" + tag);
        long hidden = EpgTestSupport.createChannel("Hidden " + tag, "live-" + tag);
        long bouquet = create("/api/bouquets", Map.of("name", unique("g"), "channelIds", List.of(channel)));
        String user = unique("epg-viewer");
        create("/api/users", Map.of("username", user, "password", "epg-pass", "bouquetIds", List.of(bouquet)));
        long source = EpgTestSupport.createSource(EpgTestSupport.write("xtream-" + tag + ".xml",
                EpgTestSupport.liveGuide(tag, Instant.now())));
        assertThat(EpgTestSupport.run(source).getString("status")).isEqualToIgnoringCase("success");

        JsonPath shortEpg = playerApi(user, "get_short_epg", "stream_id", channel)
                .body("epg_listings", hasSize(4))
                .body("epg_listings[0].stream_id", equalTo(Long.toString(channel)))
                .body("epg_listings[0].now_playing", equalTo(1))
                .body("epg_listings[1].now_playing", equalTo(0))
                .extract().jsonPath();
        assertThat(decode(shortEpg.getString("epg_listings[0].title"))).isEqualTo("P2");
        assertThat(decode(shortEpg.getString("epg_listings[0].description"))).isEqualTo("Part 2 & more");

        playerApi(user, "get_short_epg", "stream_id", channel, "limit", 2).body("epg_listings", hasSize(2));
        playerApi(user, "get_simple_data_table", "stream_id", channel).body("epg_listings", hasSize(6))
                .body("epg_listings[0].has_archive", equalTo(0));
        // a channel outside the line's bouquets, an unknown id and garbage all answer an empty list
        playerApi(user, "get_short_epg", "stream_id", hidden).body("epg_listings", hasSize(0));
        playerApi(user, "get_short_epg", "stream_id", 987654321).body("epg_listings", hasSize(0));
        playerApi(user, "get_short_epg", "stream_id", "1' or '1'='1").body("epg_listings", hasSize(0));
    }

    @Test
    void theEventLoopPathAnswersTheSameBytesAsTheWorkerPath() {
        String tag = EpgTestSupport.tag();
        String user = unique("epg-fast");
        create("/api/users", Map.of("username", user, "password", "epg-pass"));
        long source = EpgTestSupport.createSource(EpgTestSupport.write("fast-" + tag + ".xml",
                EpgTestSupport.liveGuide(tag, Instant.now())));
        assertThat(EpgTestSupport.run(source).getString("status")).isEqualToIgnoringCase("success");
        // A channel added after the import finds its guide at read time but is not cached yet.
        long channel = EpgTestSupport.createChannel("Fast " + tag, "live-" + tag);
        LiveChannel live = catalog.snapshot().channel(channel).orElseThrow();
        assertThat(epg.shortEpgInMemory(live, 0)).as("not cached before its first request").isFalse();

        var worker = playerApi(user, "get_short_epg", "stream_id", channel).extract();
        assertThat(epg.shortEpgInMemory(live, 0)).as("the next request takes the event-loop path").isTrue();
        var eventLoop = playerApi(user, "get_short_epg", "stream_id", channel).extract();
        assertThat(eventLoop.asByteArray()).isEqualTo(worker.asByteArray());
        assertThat(eventLoop.contentType()).isEqualTo(worker.contentType());
        assertThat(worker.jsonPath().getList("epg_listings")).hasSize(4);

        // a credential not accepted before still goes through the full check
        given().queryParam("username", user).queryParam("password", "wrong").queryParam("action", "get_short_epg")
                .queryParam("stream_id", channel).get("/player_api.php").then().statusCode(200)
                .body("user_info.auth", equalTo(0));
    }

    @Test
    void anImportFillsTheShortEpgOfItsChannelsBeforeItGoesLive() {
        String tag = EpgTestSupport.tag();
        long channel = EpgTestSupport.createChannel("Ready " + tag, "live-" + tag);
        String user = unique("epg-ready");
        create("/api/users", Map.of("username", user, "password", "epg-pass"));
        long source = EpgTestSupport.createSource(EpgTestSupport.write("ready-" + tag + ".xml",
                EpgTestSupport.liveGuide(tag, Instant.now())));
        assertThat(EpgTestSupport.run(source).getString("status")).isEqualToIgnoringCase("success");
        LiveChannel live = catalog.snapshot().channel(channel).orElseThrow();
        assertThat(epg.shortEpgInMemory(live, 0)).as("cached by the import, before any request").isTrue();
        assertThat(epg.shortEpgInMemory(live, 16)).as("up to the cached rows").isTrue();
        assertThat(epg.shortEpgInMemory(live, 17)).as("more rows than cached").isFalse();
        JsonPath answer = playerApi(user, "get_short_epg", "stream_id", channel).extract().jsonPath();
        assertThat(decode(answer.getString("epg_listings[0].title"))).isEqualTo("P2");

        // A new import of the source (a new generation) is cached before it replaces the old one.
        assertThat(EpgTestSupport.run(source).getString("status")).isEqualToIgnoringCase("success");
        assertThat(epg.shortEpgInMemory(live, 0)).isTrue();
    }

    private static io.restassured.response.ValidatableResponse playerApi(String user, String action, Object... params) {
        var request = given().queryParam("username", user).queryParam("password", "epg-pass")
                .queryParam("action", action);
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam((String) params[i], params[i + 1]);
        }
        return request.get("/player_api.php").then().statusCode(200);
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
