package org.polyplex.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.Map;

import org.polyplex.epg.EpgTestSupport;
import org.polyplex.testsupport.AdminApi;

import io.quarkus.test.junit.QuarkusTest;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

/**
 * The dashboard's health, the source forms and a running import's progress, and the EPG mapping
 * page over plain HTTP, as a logged-in admin.
 */
@QuarkusTest
class ConsoleOpsPagesTest {

    private String session;
    private String csrf;

    @BeforeEach
    void logIn() {
        session = ConsoleLoginTest.login("admin", AdminApi.ADMIN_PASSWORD).cookie("polyplex_console");
        csrf = ConsoleLoginTest.csrf(get("/"));
    }

    @Test
    void shouldShowTheHealthOfEachPartOnTheDashboardAndRefreshIt() {
        String page = get("/");
        assertThat(page).contains("id=\"health-database\"", "answering (", "id=\"health-upstreams\"",
                "failing over or reconnecting", "id=\"health-disk\"", "free of");
        // %test turns AceStream off
        assertThat(page).contains("AceStream is off on this node");
        given().cookie("polyplex_console", session).header("HX-Request", "true").get("/console/health").then()
                .statusCode(200).body(containsString("hx-get=\"/console/health\""), not(containsString("<html")));
    }

    @Test
    void shouldShowTheApiMessagesNextToTheScraperFormFields() {
        Response bad = post("/console/sources/scraper", Map.of("url", "http://lists.example/a.m3u", "type", "m3u",
                "intervalMinutes", "0", "priority", "x"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.asString()).contains("id=\"priority-error\">must be a whole number");
        bad = post("/console/sources/scraper", Map.of("url", "http://lists.example/a.m3u", "type", "m3u",
                "intervalMinutes", "0"));
        assertThat(bad.asString()).contains("id=\"intervalMinutes-error\">must be greater than or equal to 1");
        bad = post("/console/sources/scraper", Map.of("url", "ftp://lists.example/a.m3u", "type", "m3u"));
        assertThat(bad.asString()).contains("id=\"url-error\">must be an http(s) URL");
        bad = post("/console/sources/scraper", Map.of("url", "http://panel.example", "type", "xtream"));
        assertThat(bad.asString()).contains("id=\"username-error\">is required for an xtream source");

        Response created = post("/console/sources/scraper", Map.of("url", "http://lists.example/b.m3u", "type",
                "m3u", "intervalMinutes", "30", "enabled", "true"));
        assertThat(created.statusCode()).isEqualTo(303);
        String location = created.header("Location");
        assertThat(location).contains("/console/sources/scraper/").endsWith("?notice=created");
        String path = location.substring(location.indexOf("/console/"), location.indexOf('?'));
        assertThat(get(path)).contains("value=\"http://lists.example/b.m3u\"", "value=\"30\"", "Never run.");
        assertThat(post(path, Map.of("url", "http://lists.example/b.m3u", "type", "json", "intervalMinutes", "45"))
                .statusCode()).isEqualTo(303);
        assertThat(get(path)).contains("value=\"45\"", "<option value=\"json\" selected");
        assertThat(post(path + "/delete", Map.of()).statusCode()).isEqualTo(303);
        given().cookie("polyplex_console", session).get(path).then().statusCode(404);
    }

    @Test
    void shouldFollowARunningImportAndStopPollingWhenItEnds() throws Exception {
        try (SlowGuide guide = new SlowGuide()) {
            String tag = EpgTestSupport.tag();
            Response bad = post("/console/sources/epg", Map.of("url", guide.url(tag), "offsetMinutes", "5000"));
            assertThat(bad.asString()).contains("id=\"offsetMinutes-error\">must be less than or equal to 1440");
            Response created = post("/console/sources/epg", Map.of("url", guide.url(tag), "enabled", "true"));
            assertThat(created.statusCode()).isEqualTo(303);
            String location = created.header("Location");
            String path = location.substring(location.indexOf("/console/"), location.indexOf('?'));

            assertThat(post(path + "/run", Map.of()).header("Location")).endsWith("?notice=started");
            Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(get(path + "/progress"))
                    .contains("Importing now", "id=\"progress-programmes\">" + SlowGuide.FIRST + "<",
                            "hx-trigger=\"every 1s\""));
            assertThat(get(path)).contains("id=\"progress\"", "running");
            assertThat(post(path + "/run", Map.of()).header("Location")).endsWith("?notice=busy");

            guide.release();
            Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(get(path + "/progress"))
                    .contains("No import is running").doesNotContain("hx-trigger"));
            assertThat(get(path)).contains("6 programmes", "run-success");
            // the dashboard's health is cached for a few seconds
            Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(
                    () -> assertThat(get("/console/health")).contains("6 programmes"));
        }
    }

    @Test
    void shouldRefuseAnEmptyGuideIdAndAFormWithoutItsToken() {
        String tag = EpgTestSupport.tag();
        long channel = EpgTestSupport.createChannel("Unmapped " + tag, null);
        assertThat(get("/console/epg-mapping?q=" + tag)).contains("Unmapped " + tag, "none close");
        Response empty = post("/console/epg-mapping/" + channel, Map.of("epgId", " "));
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.asString()).contains("Unmapped " + tag + ": epg id is required");
        given().redirects().follow(false).cookie("polyplex_console", session)
                .header("Origin", ConsoleLoginTest.origin()).formParam("epgId", "x").formParam("csrf", "forged")
                .post("/console/epg-mapping/" + channel).then().statusCode(403);
        assertThat(post("/console/epg-mapping/" + channel, Map.of("epgId", "typed-" + tag)).statusCode())
                .isEqualTo(303);
        assertThat(AdminApi.asAdmin().get("/api/channels/" + channel).then().extract().jsonPath().getString("epgId"))
                .isEqualTo("typed-" + tag);
    }

    @Test
    void shouldSetAChannelsCatchUpArchiveOnItsForm() {
        String tag = EpgTestSupport.tag();
        long channel = EpgTestSupport.createChannel("Archived " + tag, null);
        assertThat(get("/console/channels/" + channel)).contains("name=\"archiveDays\" value=\"0\"");
        Response bad = post("/console/channels/" + channel, Map.of("name", "Archived " + tag, "archiveDays", "99",
                "enabled", "true"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.asString()).contains("id=\"archiveDays-error\"");
        assertThat(post("/console/channels/" + channel, Map.of("name", "Archived " + tag, "archiveDays", "3",
                "enabled", "false")).statusCode()).isEqualTo(303);
        assertThat(AdminApi.asAdmin().get("/api/channels/" + channel).then().extract().jsonPath().getInt("archiveDays"))
                .isEqualTo(3);
        assertThat(get("/console/channels/" + channel)).contains("name=\"archiveDays\" value=\"3\"");
    }

    private String get(String path) {
        return given().cookie("polyplex_console", session).get(path).then().statusCode(200).extract().asString();
    }

    private Response post(String path, Map<String, String> form) {
        var request = given().redirects().follow(false).cookie("polyplex_console", session)
                .header("Origin", ConsoleLoginTest.origin()).formParam("csrf", csrf);
        form.forEach(request::formParam);
        return request.post(path);
    }
}
