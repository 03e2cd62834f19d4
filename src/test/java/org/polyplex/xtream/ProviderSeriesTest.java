package org.polyplex.xtream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.unique;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.polyplex.catalog.vod.Series;
import org.polyplex.scraping.StubHttp;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * Provider series episodes end to end: a fake Xtream provider on loopback answers
 * {@code get_series} and {@code get_series_info}; an import reads the episodes, our
 * {@code get_series_info} serves them in the shape apps read (golden file), re-imports read only
 * changed series (requests counted on the fake), failed, malformed, oversized and empty answers
 * keep what a series had, and an episode plays through {@code /series/u/p/ID.ext} with the bytes
 * of the fake's file.
 */
@QuarkusTest
class ProviderSeriesTest {

    private static final String PASSWORD = "series-pw";

    private static StubHttp provider;
    /** get_series_info requests by provider series id. */
    private static final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    /** get_series_info answers by provider series id. */
    private static final Map<String, StubHttp.Answer> infos = new ConcurrentHashMap<>();
    private static volatile String listing;
    private static String group;

    @BeforeAll
    static void start() {
        group = unique("Provider Drama");
        provider = new StubHttp();
        provider.route("/xtp/player_api.php", req -> {
            if (!"alice".equals(req.getParam("username")) || !"s3cret&pw".equals(req.getParam("password"))) {
                return StubHttp.Answer.of("application/json", "{\"user_info\":{\"auth\":0}}");
            }
            String action = req.getParam("action") == null ? "" : req.getParam("action");
            return switch (action) {
                case "" -> StubHttp.Answer.of("application/json",
                        "{\"user_info\":{\"auth\":1,\"status\":\"Active\",\"max_connections\":\"1\"}}");
                case "get_series_categories" -> StubHttp.Answer.of("application/json",
                        "[{\"category_id\":\"20\",\"category_name\":\"" + group + "\"}]");
                case "get_series" -> StubHttp.Answer.of("application/json", listing);
                case "get_series_info" -> {
                    String id = req.getParam("series_id");
                    requests.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    yield infos.getOrDefault(id, new StubHttp.Answer(404, "text/plain", new byte[0]));
                }
                default -> StubHttp.Answer.of("application/json", "[]");
            };
        });
        for (String id : List.of("5001", "5002", "5003", "6001")) {
            provider.serve("/xtp/series/alice/s3cret%26pw/" + id + ".mkv",
                    new StubHttp.Answer(200, "video/x-matroska", file(id)));
        }
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    private static byte[] file(String id) {
        return ("matroska bytes of provider episode " + id).repeat(50).getBytes(StandardCharsets.UTF_8);
    }

    private static void list(String modifiedA, String modifiedB) {
        listing = "[{\"num\":1,\"name\":\"Provider Show\",\"series_id\":301,\"cover\":\"http://img.example/show.jpg\","
                + "\"plot\":\"A show.\",\"category_id\":\"20\",\"last_modified\":\"" + modifiedA + "\"},"
                + "{\"num\":2,\"name\":\"Other Show\",\"series_id\":302,\"category_id\":\"20\",\"last_modified\":\""
                + modifiedB + "\"}]";
    }

    private static StubHttp.Answer json(String body) {
        return StubHttp.Answer.of("application/json", body);
    }

    private static String episode(String id, int season, int number, String title, int seconds) {
        return "{\"id\":\"" + id + "\",\"episode_num\":" + number + ",\"title\":\"" + title
                + "\",\"container_extension\":\"mkv\",\"info\":{\"movie_image\":\"http://img.example/" + id
                + ".jpg\",\"plot\":\"Plot " + id + ".\",\"duration_secs\":" + seconds + ",\"duration\":\"\"},"
                + "\"custom_sid\":\"\",\"added\":\"1600000000\",\"season\":" + season + ",\"direct_source\":\"\"}";
    }

    private static final String SEASONS = "[{\"air_date\":\"2019-01-02\",\"episode_count\":2,\"id\":77,"
            + "\"name\":\"Season One\",\"overview\":\"The start.\",\"season_number\":1,"
            + "\"cover\":\"http://img.example/s1.jpg\",\"cover_big\":\"http://img.example/s1.jpg\"}]";

    private static Map<String, Object> run(long source) {
        return asAdmin().post("/api/scraper-sources/" + source + "/run").then().statusCode(200)
                .extract().jsonPath().getMap("");
    }

    private static long ourSeries(long source, String providerId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Series.<Series> find("scrapeKey", "xt:" + source + ":" + providerId).firstResult().id);
    }

    private static String seriesInfo(String user, long seriesId) {
        return given().queryParam("username", user).queryParam("password", PASSWORD)
                .queryParam("action", "get_series_info").queryParam("series_id", seriesId).get("/player_api.php")
                .then().statusCode(200).contentType("application/json").extract().asString();
    }

    /** Our episode ids by title, from our own get_series_info answer. */
    private static Map<String, String> episodeIds(String answer) {
        Map<String, String> ids = new HashMap<>();
        JsonPath json = JsonPath.from(answer);
        Map<String, List<Map<String, Object>>> episodes = json.getMap("episodes");
        episodes.values().forEach(list -> list.forEach(e -> ids.put((String) e.get("title"), (String) e.get("id"))));
        return ids;
    }

    private static int requestsOf(String providerId) {
        return requests.getOrDefault(providerId, new AtomicInteger()).get();
    }

    @Test
    void importsEpisodesIncrementallyKeepsThemThroughFailuresAndPlaysThem() {
        list("100", "100");
        infos.put("301", json("{\"seasons\":" + SEASONS + ",\"info\":{\"name\":\"Provider Show\"},\"episodes\":{\"1\":["
                + episode("5001", 1, 1, "Pilot", 1500) + "," + episode("5002", 1, 2, "Second", 1560) + "]}}"));
        infos.put("302", json("{\"seasons\":[],\"info\":[],\"episodes\":{\"3\":[" + episode("6001", 3, 1, "Other", 60)
                + "]}}"));
        long source = create("/api/scraper-sources", Map.of("url", provider.url("/xtp/"), "type", "xtream", "enabled",
                true, "intervalMinutes", 60, "username", "alice", "password", "s3cret&pw"));
        String user = unique("series-viewer");
        create("/api/users", Map.of("username", user, "password", PASSWORD, "maxConnections", 2));

        Map<String, Object> first = run(source);

        assertThat(first).containsEntry("status", "success").containsEntry("added", 2);
        assertThat(requestsOf("301")).isEqualTo(1);
        assertThat(requestsOf("302")).isEqualTo(1);
        long show = ourSeries(source, "301");
        String answer = seriesInfo(user, show);
        Map<String, String> ids = episodeIds(answer);
        JsonPath parsed = JsonPath.from(answer);
        GoldenJson.assertMatches("series_info_imported.json", answer, Map.of("series", show, "seriesCat",
                parsed.getString("info.category_id"), "s1", parsed.getLong("seasons[0].id"), "ep1", ids.get("Pilot"),
                "ep2", ids.get("Second")));
        assertThat(ids.values()).doesNotContain("5001", "5002");

        byte[] played = given().get("/series/" + user + "/" + PASSWORD + "/" + ids.get("Pilot") + ".mkv").then()
                .statusCode(200).extract().asByteArray();
        assertThat(played).isEqualTo(file("5001"));

        // unchanged: no series is read again, nothing changes
        Map<String, Object> unchanged = run(source);
        assertThat(unchanged).containsEntry("status", "success").containsEntry("added", 0).containsEntry("updated", 0);
        assertThat(requestsOf("301")).isEqualTo(1);
        assertThat(requestsOf("302")).isEqualTo(1);

        // 301 changed, but its answer fails in every way: it keeps its episodes and ids, and is tried each run
        list("200", "100");
        byte[] huge = ("{\"episodes\":{\"1\":[" + (episode("5001", 1, 1, "Pilot", 1500) + ",").repeat(1000) + "]}}")
                .getBytes(StandardCharsets.UTF_8);
        List<StubHttp.Answer> failures = List.of(new StubHttp.Answer(500, "text/plain", new byte[0]),
                json("{\"seasons\":[],\"episodes\":{\"1\":[{\"id\":"), new StubHttp.Answer(200, "application/json", huge),
                json("{\"seasons\":[],\"info\":[],\"episodes\":[]}"));
        List<String> reasons = List.of("HTTP 500 from", "malformed JSON", "larger than 65536 bytes", "");
        for (int i = 0; i < failures.size(); i++) {
            infos.put("301", failures.get(i));
            Map<String, Object> failed = run(source);
            assertThat(failed).as("answer " + i).containsEntry("updated", 0).containsEntry("removed", 0);
            if (!reasons.get(i).isEmpty()) {
                assertThat(failed).containsEntry("status", "warning");
                assertThat((String) failed.get("error")).contains("series 301: ").contains(reasons.get(i))
                        .doesNotContain("s3cret").doesNotContain("alice");
            }
            assertThat(requestsOf("301")).as("answer " + i).isEqualTo(2 + i);
            assertThat(requestsOf("302")).isEqualTo(1);
            assertThat(episodeIds(seriesInfo(user, show))).isEqualTo(ids);
        }
        assertThat(given().get("/series/" + user + "/" + PASSWORD + "/" + ids.get("Second") + ".mkv").then()
                .statusCode(200).extract().asByteArray()).isEqualTo(file("5002"));

        // 301 answers again: a retitled episode keeps our id, a removed one goes, a new one comes
        infos.put("301", json("{\"seasons\":" + SEASONS + ",\"info\":{},\"episodes\":{\"1\":["
                + episode("5001", 1, 1, "Pilot (uncut)", 1800) + "],\"2\":[" + episode("5003", 2, 1, "Return", 1500)
                + "]}}"));
        Map<String, Object> fixed = run(source);
        assertThat(fixed).containsEntry("status", "success").containsEntry("updated", 1);
        assertThat(requestsOf("301")).isEqualTo(6);
        Map<String, String> after = episodeIds(seriesInfo(user, show));
        assertThat(after).containsOnlyKeys("Pilot (uncut)", "Return");
        assertThat(after.get("Pilot (uncut)")).isEqualTo(ids.get("Pilot"));
        assertThat(given().get("/series/" + user + "/" + PASSWORD + "/" + ids.get("Second") + ".mkv").then()
                .extract().statusCode()).isEqualTo(404);
        assertThat(given().get("/series/" + user + "/" + PASSWORD + "/" + after.get("Return") + ".mp4").then()
                .statusCode(200).extract().asByteArray()).isEqualTo(file("5003"));

        assertThat(run(source)).containsEntry("updated", 0);
        assertThat(requestsOf("301")).isEqualTo(6);
        assertThat(requestsOf("302")).isEqualTo(1);
    }
}
