package org.polyplex.xtream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Every {@code player_api.php} action against its golden fixture, plus bouquets, paging and bad input. */
@QuarkusTest
class PlayerApiResourceTest {

    private static XtreamTestData data;
    private Map<String, Object> tokens;

    @BeforeEach
    void data() {
        if (data == null) {
            data = XtreamTestData.load();
        }
        tokens = new HashMap<>(data.tokens);
        tokens.put("port", RestAssured.port);
    }

    private static RequestSpecification as(String user) {
        return given().queryParam("username", user).queryParam("password", XtreamTestData.PASSWORD);
    }

    private String action(String action, Object... params) {
        RequestSpecification spec = as(data.user).queryParam("action", action);
        for (int i = 0; i < params.length; i += 2) {
            spec.queryParam((String) params[i], params[i + 1]);
        }
        return spec.get("/player_api.php").then().statusCode(200).contentType("application/json").extract().asString();
    }

    @Test
    void accountInfoForNoActionKnownActionsAndUnknownAction() {
        String none = as(data.user).get("/player_api.php").then().statusCode(200).extract().asString();
        GoldenJson.assertMatches("account_info.json", none, tokens);
        for (String action : List.of("get_account_info", "get_profile", "get_server_info", "no_such_action",
                "'; drop table users;--")) {
            GoldenJson.assertMatches("account_info.json", action(action), tokens);
        }
    }

    @Test
    void postFormWorksLikeGet() {
        String body = given().contentType("application/x-www-form-urlencoded")
                .formParam("username", data.user).formParam("password", XtreamTestData.PASSWORD)
                .formParam("action", "get_live_streams")
                .post("/player_api.php").then().statusCode(200).extract().asString();
        GoldenJson.assertMatches("live_streams.json", body, tokens);
    }

    @Test
    void categoriesOfEachKind() {
        GoldenJson.assertMatches("live_categories.json", action("get_live_categories"), tokens);
        GoldenJson.assertMatches("vod_categories.json", action("get_vod_categories"), tokens);
        GoldenJson.assertMatches("series_categories.json", action("get_series_categories"), tokens);
    }

    @Test
    void liveStreamsAllByCategoryAndPaged() {
        GoldenJson.assertMatches("live_streams.json", action("get_live_streams"), tokens);
        GoldenJson.assertMatches("live_streams.json", action("get_live_streams", "category_id", tokens.get("liveCat")),
                tokens);
        String page = action("get_live_streams", "offset", 1, "items_per_page", 1);
        assertThat(JsonPath.from(page).getList("stream_id", Long.class))
                .containsExactly(((Number) tokens.get("ch2")).longValue());
        assertThat(action("get_live_streams", "category_id", tokens.get("movieCat"))).isEqualTo("[]");
        assertThat(action("get_live_streams", "category_id", "abc")).isEqualTo("[]");
        assertThat(action("get_live_streams", "category_id", "99999999999999999999999999")).isEqualTo("[]");
        assertThat(action("get_live_streams", "offset", "x", "items_per_page", "-3")).isEqualTo(
                action("get_live_streams"));
    }

    @Test
    void vodStreamsAndInfo() {
        GoldenJson.assertMatches("vod_streams.json", action("get_vod_streams"), tokens);
        GoldenJson.assertMatches("vod_info.json", action("get_vod_info", "vod_id", tokens.get("movie")), tokens);
        for (Object bad : List.of("999999999", "abc", "-1", "", "0")) {
            GoldenJson.assertMatches("vod_info_unknown.json", action("get_vod_info", "vod_id", bad), tokens);
        }
    }

    @Test
    void seriesAndSeriesInfo() {
        GoldenJson.assertMatches("series.json", action("get_series"), tokens);
        GoldenJson.assertMatches("series_info.json", action("get_series_info", "series_id", tokens.get("series")),
                tokens);
        for (Object bad : List.of("999999999", "1e9", "")) {
            GoldenJson.assertMatches("series_info_unknown.json", action("get_series_info", "series_id", bad), tokens);
        }
    }

    @Test
    void epgActionsAnswerEmptyListingsUntilTheEpgFeatureWiresIn() {
        GoldenJson.assertMatches("epg_listings.json", action("get_short_epg", "stream_id", tokens.get("ch1")), tokens);
        GoldenJson.assertMatches("epg_listings.json", action("get_simple_data_table", "stream_id", 1), tokens);
    }

    @Test
    void badCredentialsAnswerAuthZeroWithHttp200() {
        for (RequestSpecification spec : List.of(given(), given().queryParam("username", data.user),
                given().queryParam("username", data.user).queryParam("password", "wrong"),
                given().queryParam("username", "nobody").queryParam("password", "x"),
                given().queryParam("username", "").queryParam("password", ""),
                given().queryParam("username", "x".repeat(300)).queryParam("password", "y"))) {
            String body = spec.queryParam("action", "get_live_streams").get("/player_api.php")
                    .then().statusCode(200).extract().asString();
            GoldenJson.assertMatches("auth_failed.json", body, tokens);
        }
    }

    @Test
    void expiredAndDisabledLinesLogInButSeeNothing() {
        String info = as(data.expiredUser).get("/player_api.php").then().statusCode(200).extract().asString();
        GoldenJson.assertMatches("expired_account_info.json", info, tokens);
        as(data.disabledUser).get("/player_api.php").then().statusCode(200)
                .body("user_info.auth", equalTo(1)).body("user_info.status", equalTo("Disabled"));
        for (String user : List.of(data.expiredUser, data.disabledUser)) {
            for (String action : List.of("get_live_categories", "get_live_streams", "get_vod_streams", "get_series")) {
                as(user).queryParam("action", action).get("/player_api.php").then().statusCode(200)
                        .body(equalTo("[]"));
            }
            String vod = as(user).queryParam("action", "get_vod_info").queryParam("vod_id", tokens.get("movie"))
                    .get("/player_api.php").then().statusCode(200).extract().asString();
            GoldenJson.assertMatches("vod_info_unknown.json", vod, tokens);
        }
    }

    @Test
    void bouquetsLimitWhatIsListed() {
        // a restricted line sees only its bouquet; an unrestricted one sees it and more
        List<Long> restricted = JsonPath.from(action("get_live_streams"))
                .getList("stream_id", Long.class);
        assertThat(restricted).hasSize(2);
        List<Long> all = as(data.unrestrictedUser).queryParam("action", "get_live_streams").get("/player_api.php")
                .then().statusCode(200).extract().jsonPath().getList("stream_id", Long.class);
        assertThat(all).containsAll(restricted);
    }

    @Test
    void panelApiAnswersEverythingAtOnce() {
        String body = as(data.user).get("/panel_api.php").then().statusCode(200).extract().asString();
        GoldenJson.assertMatches("panel_api.json", body, tokens);
        given().get("/panel_api.php").then().statusCode(200).body("user_info.auth", equalTo(0));
    }
}
