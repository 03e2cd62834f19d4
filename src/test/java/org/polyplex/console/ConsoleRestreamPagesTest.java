package org.polyplex.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import org.polyplex.testsupport.AdminApi;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The cameras, destinations and restreams pages over plain HTTP as a logged-in admin: each renders,
 * forms answer clear messages, a stream key or camera password is never in any page, the
 * restream's status block refreshes itself, and "Stop everything" stops a running restream.
 */
@QuarkusTest
class ConsoleRestreamPagesTest {

    private static final String KEY = "sk-console-secret-4711";
    private static final String PASSWORD = "cam-console-secret-0815";

    private String session;
    private String csrf;

    @BeforeEach
    void logIn() {
        session = ConsoleLoginTest.login("admin", AdminApi.ADMIN_PASSWORD).cookie("polyplex_console");
        csrf = ConsoleLoginTest.csrf(given().cookie("polyplex_console", session).get("/").asString());
    }

    @Test
    void shouldManageDestinationsWithAWriteOnlyKey() {
        post("/console/destinations", Map.of("name", "", "preset", "custom")).then().statusCode(400)
                .body(containsString("id=\"dname-error\""), containsString("must not be blank"));
        post("/console/destinations", Map.of("name", "x", "preset", "myspace")).then().statusCode(400)
                .body(containsString("id=\"preset-error\""));
        String name = AdminApi.unique("Dest");
        post("/console/destinations", Map.of("name", name, "preset", "custom", "url", "rtmp://127.0.0.1:1/app",
                "streamKey", KEY)).then().statusCode(303);
        String page = get("/console/destinations");
        assertThat(page).contains(name, "rtmp://127.0.0.1:1/app", "key set").doesNotContain(KEY);
        assertThat(page).contains("href=\"/console/cameras\"", "href=\"/console/restreams\"");
        String id = page.replaceAll("(?s).*id=\"destination-(\\d+)\">" + name + "<.*", "$1");
        assertThat(get("/console/destinations/" + id + "/edit")).contains(name, "leave empty to keep it")
                .doesNotContain(KEY);
        post("/console/destinations/" + id + "/edit", Map.of("name", "", "preset", "custom")).then().statusCode(400)
                .body(containsString("must not be blank"), not(containsString(KEY)));
        post("/console/destinations/" + id + "/edit", Map.of("name", name + "-b", "preset", "custom", "url",
                "rtmp://127.0.0.1:1/app", "streamKey", "")).then().statusCode(303);
        assertThat(AdminApi.asAdmin().get("/api/destinations/" + id).asString()).contains(name + "-b",
                "\"hasStreamKey\":true");
    }

    @Test
    void shouldCreateStartAndStopEverythingFromTheRestreamPages() {
        post("/console/restreams", Map.of("channelId", "abc")).then().statusCode(400)
                .body(containsString("id=\"channel-error\""), containsString("id=\"destinations-error\""));
        String name = AdminApi.unique("Rdest");
        post("/console/destinations", Map.of("name", name, "preset", "custom", "url", "rtmp://127.0.0.1:9/app",
                "streamKey", KEY)).then().statusCode(303);
        String list = get("/console/restreams");
        assertThat(list).contains("id=\"stop-all\"", "data-confirm=").doesNotContain(KEY);
        String destinationId = list.replaceAll("(?s).*value=\"(\\d+)\" id=\"pick-\\d+\"> " + name + ".*", "$1");
        post("/console/restreams", Map.of("channelId", "99999999", "destination", destinationId)).then()
                .statusCode(400).body(containsString("does not exist"));

        long channel = AdminApi.createChannel("Restreamed", "http://127.0.0.1:9/never.ts");
        String location = post("/console/restreams", Map.of("channelId", Long.toString(channel), "destination",
                destinationId)).then().statusCode(303).extract().header("Location");
        long id = Long.parseLong(location.replaceAll(".*/console/restreams/(\\d+).*", "$1"));
        given().cookie("polyplex_console", session).get("/console/restreams/" + id).then().statusCode(200)
                .body(containsString("id=\"restream-state\">idle"), containsString(name), not(containsString(KEY)));
        given().cookie("polyplex_console", session).get("/console/restreams/" + id + "/status").then()
                .statusCode(200).body(containsString("hx-trigger=\"every 2s\""), not(containsString("<html")));
        given().cookie("polyplex_console", session).get("/console/restreams/999999").then().statusCode(404);

        post("/console/restreams/" + id + "/start", Map.of()).then().statusCode(303);
        post("/console/restreams/" + id + "/start", Map.of()).then().statusCode(409)
                .body(containsString("running already"));
        assertThat(get("/console/restreams/" + id)).doesNotContain("id=\"restream-state\">idle").doesNotContain(KEY);
        post("/console/restreams/stop-all", Map.of()).then().statusCode(303).header("Location",
                containsString("stopped=1"));
        assertThat(get("/console/restreams?stopped=1")).contains("Stopped everything: 1");
        assertThat(get("/console/restreams/" + id)).contains("id=\"restream-state\">idle");

        given().redirects().follow(false).cookie("polyplex_console", session)
                .header("Origin", ConsoleLoginTest.origin()).formParam("csrf", "forged")
                .post("/console/restreams/stop-all").then().statusCode(403);
        post("/console/restreams/" + id + "/delete", Map.of()).then().statusCode(303);
    }

    @Test
    void shouldChangeEachDestinationsProfileAndAudioMode() {
        String name = AdminApi.unique("Edest");
        post("/console/destinations", Map.of("name", name, "preset", "custom", "url", "rtmp://127.0.0.1:9/app",
                "streamKey", KEY)).then().statusCode(303);
        String destinationId = get("/console/restreams")
                .replaceAll("(?s).*value=\"(\\d+)\" id=\"pick-\\d+\"> " + name + ".*", "$1");
        long channel = AdminApi.createChannel("Encoded", "http://127.0.0.1:9/never.ts");
        String location = post("/console/restreams", Map.of("channelId", Long.toString(channel), "destination",
                destinationId)).then().statusCode(303).extract().header("Location");
        String id = location.replaceAll(".*/console/restreams/(\\d+).*", "$1");
        assertThat(get("/console/restreams/" + id)).contains("id=\"profile-" + destinationId + "\"",
                "<option value=\"copy\" selected>", "<option value=\"auto\" selected>");

        String form = "/console/restreams/" + id + "/encoding";
        post(form, Map.of("destination", destinationId, "profile", "4k", "audio", "auto")).then().statusCode(400)
                .body(containsString("profile must be copy, 1080p, 720p or 480p"));
        post(form, Map.of("destination", destinationId, "profile", "720p")).then().statusCode(400)
                .body(containsString("each destination with a profile and an audio mode"));
        post(form, Map.of("destination", destinationId, "profile", "720p", "audio", "silence")).then().statusCode(303)
                .header("Location", containsString("notice=encoding"));

        String page = get("/console/restreams/" + id + "?notice=encoding");
        assertThat(page).contains("Encoding saved.", "<option value=\"720p\" selected>",
                "<option value=\"silence\" selected>", "id=\"target-profile-" + destinationId + "\">720p")
                .doesNotContain(KEY);
        AdminApi.asAdmin().get("/api/restreams/" + id).then().statusCode(200)
                .body("destinations[0].profile", org.hamcrest.Matchers.equalTo("720p"));
        post("/console/restreams/" + id + "/delete", Map.of()).then().statusCode(303);
    }

    @Test
    void shouldListCamerasWithAPlaceholderAndNeverThePassword() {
        post("/console/cameras", Map.of("name", "", "url", "http://nope")).then().statusCode(400)
                .body(containsString("id=\"cname-error\""));
        post("/console/cameras", Map.of("name", "x", "url", "http://nope")).then().statusCode(400)
                .body(containsString("id=\"curl-error\""), containsString("rtsp://"));
        String name = AdminApi.unique("Cam");
        post("/console/cameras", Map.of("name", name, "url", "rtsp://127.0.0.1:9/stream", "username", "viewer",
                "password", PASSWORD)).then().statusCode(303);
        String page = get("/console/cameras");
        assertThat(page).contains(name, "/snapshot?t=", "hx-trigger=\"every 5s\"").doesNotContain(PASSWORD);
        String id = page.replaceAll("(?s).*href=\"/console/cameras/(\\d+)\" id=\"camera-\\d+\">" + name + ".*", "$1");
        assertThat(get("/console/cameras/" + id)).contains(name, "id=\"camera-health\"").doesNotContain(PASSWORD);
        assertThat(get("/console/cameras/" + id + "/edit")).contains(name, "leave empty to keep it")
                .doesNotContain(PASSWORD);
        post("/console/cameras/" + id + "/edit", Map.of("name", name, "url", "ftp://x")).then().statusCode(400)
                .body(containsString("id=\"curl-error\""), not(containsString(PASSWORD)));
        post("/console/cameras/" + id + "/edit", Map.of("name", name, "url", "rtsp://127.0.0.1:9/other", "username",
                "viewer", "password", "")).then().statusCode(303);
        assertThat(AdminApi.asAdmin().get("/api/cameras/" + id).asString()).contains("/other",
                "\"hasPassword\":true");
        given().cookie("polyplex_console", session).get("/console/cameras/" + id + "/snapshot").then()
                .statusCode(200).contentType(containsString("image/svg+xml"))
                .body(containsString("no picture"));
        post("/console/cameras/" + id + "/delete", Map.of()).then().statusCode(303);
        given().cookie("polyplex_console", session).get("/console/cameras/" + id).then().statusCode(404);
    }

    private String get(String path) {
        return given().cookie("polyplex_console", session).get(path).then().statusCode(200).extract().asString();
    }

    private Response post(String path, Map<String, String> form) {
        RequestSpecification spec = given().redirects().follow(false).cookie("polyplex_console", session)
                .header("Origin", ConsoleLoginTest.origin()).formParam("csrf", csrf);
        form.forEach(spec::formParam);
        return spec.post(path);
    }
}
