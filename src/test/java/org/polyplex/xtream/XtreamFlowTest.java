package org.polyplex.xtream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.unique;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.polyplex.testsupport.FileUpstream;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * End to end, as an app does it: log in, browse categories, live streams, VOD and series, build
 * the play URLs from the JSON alone, play a movie with a Range and probe an episode with HEAD,
 * then download the playlist and find the same URLs in it.
 */
@QuarkusTest
class XtreamFlowTest {

    private static FileUpstream upstream;

    @AfterAll
    static void stop() throws Exception {
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void loginBrowsePlayAndDownloadThePlaylist() throws Exception {
        upstream = new FileUpstream();
        String file = "http://127.0.0.1:" + upstream.port() + "/secret/file.mp4";
        long liveCat = create("/api/categories", Map.of("name", unique("flow"), "kind", "live"));
        long movieCat = create("/api/categories", Map.of("name", unique("flow"), "kind", "movie"));
        long seriesCat = create("/api/categories", Map.of("name", unique("flow"), "kind", "series"));
        create("/api/channels", Map.of("name", "Flow TV", "categoryId", liveCat,
                "sources", List.of(Map.of("url", "http://upstream.example/flow.ts"))));
        create("/api/movies", Map.of("name", "Flow Movie", "categoryId", movieCat, "sourceUrl", file,
                "containerExtension", "mp4"));
        create("/api/series", Map.of("name", "Flow Show", "categoryId", seriesCat, "seasons", List.of(Map.of(
                "seasonNumber", 1, "episodes", List.of(Map.of("episodeNumber", 1, "title", "E1", "sourceUrl", file,
                        "containerExtension", "mkv"))))));
        long bouquet = create("/api/bouquets", Map.of("name", unique("flow"),
                "categoryIds", List.of(liveCat, movieCat, seriesCat), "channelIds", List.of()));
        String user = unique("flow");
        create("/api/users", Map.of("username", user, "password", "flow-pass", "bouquetIds", List.of(bouquet)));

        JsonPath login = api(user).get("/player_api.php").then().statusCode(200)
                .body("user_info.auth", equalTo(1)).body("user_info.status", equalTo("Active"))
                .extract().jsonPath();
        String base = "http://" + login.getString("server_info.url") + ":" + login.getString("server_info.port");
        String credentials = "/" + user + "/flow-pass/";

        String live = api(user).queryParam("action", "get_live_categories").get("/player_api.php").jsonPath()
                .getString("[0].category_id");
        List<Long> channels = api(user).queryParam("action", "get_live_streams").queryParam("category_id", live)
                .get("/player_api.php").jsonPath().getList("stream_id", Long.class);
        assertThat(channels).hasSize(1);

        String vodCat = api(user).queryParam("action", "get_vod_categories").get("/player_api.php").jsonPath()
                .getString("[0].category_id");
        JsonPath movies = api(user).queryParam("action", "get_vod_streams").queryParam("category_id", vodCat)
                .get("/player_api.php").jsonPath();
        String movieUrl = base + "/movie" + credentials + movies.getLong("[0].stream_id") + "."
                + movies.getString("[0].container_extension");
        byte[] part = given().header("Range", "bytes=0-99").get(movieUrl).then().statusCode(206).extract()
                .asByteArray();
        assertThat(part).isEqualTo(Arrays.copyOf(FileUpstream.content(), 100));

        long seriesId = api(user).queryParam("action", "get_series").get("/player_api.php").jsonPath()
                .getLong("[0].series_id");
        JsonPath info = api(user).queryParam("action", "get_series_info").queryParam("series_id", seriesId)
                .get("/player_api.php").jsonPath();
        String episodeUrl = base + "/series" + credentials + info.getString("episodes.'1'[0].id") + "."
                + info.getString("episodes.'1'[0].container_extension");
        given().head(episodeUrl).then().statusCode(200).header("Content-Length", "1000");

        String playlist = api(user).get("/get.php").then().statusCode(200).extract().asString();
        assertThat(playlist.lines()).contains(movieUrl, episodeUrl, base + "/live" + credentials + channels.get(0) + ".ts");
    }

    private static RequestSpecification api(String user) {
        return given().queryParam("username", user).queryParam("password", "flow-pass");
    }
}
