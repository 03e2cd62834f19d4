package org.polyplex.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.polyplex.platform.NodeName;
import org.polyplex.testsupport.AdminApi;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The streams pages over plain HTTP as a logged-in admin: the form's messages, the key in the
 * answer to its creation only, and every post refused (403, nothing changed) with a forged form
 * token, from another origin, or with no origin.
 */
@QuarkusTest
class ConsoleStreamsPagesTest {

    private static final Pattern KEY = Pattern.compile("id=\"new-key-value\" readonly value=\"(pk_[^\"]+)\"");

    @Inject
    NodeName node;

    private String session;
    private String csrf;

    @BeforeEach
    void logIn() {
        session = ConsoleLoginTest.login("admin", AdminApi.ADMIN_PASSWORD).cookie("polyplex_console");
        csrf = ConsoleLoginTest.csrf(given().cookie("polyplex_console", session).get("/").asString());
    }

    @Test
    void shouldCreateAStreamAndShowItsKeyOnlyOnce() {
        post("/console/streams", Map.of("name", "", "visibility", "private")).then().statusCode(400)
                .body(containsString("id=\"name-error\""), containsString("must not be blank"));
        post("/console/streams", Map.of("name", "x", "visibility", "everyone")).then().statusCode(400)
                .body(containsString("id=\"visibility-error\""));
        String name = AdminApi.unique("Cam");
        String location = post("/console/streams", Map.of("name", name, "visibility", "public")).then()
                .statusCode(303).extract().header("Location");
        long id = Long.parseLong(location.replaceAll(".*/console/streams/(\\d+).*", "$1"));
        post("/console/streams", Map.of("name", name, "visibility", "public")).then().statusCode(400)
                .body(containsString("exists"));

        given().cookie("polyplex_console", session).get("/console/streams?q=" + name).then().statusCode(200)
                .body(containsString(name), containsString("idle"), containsString("/console/channels/"));
        given().cookie("polyplex_console", session).get("/console/streams/" + id).then().statusCode(200)
                .header("Cache-Control", "no-store").body(containsString("/watch/" + id), containsString("obs-off"));
        given().cookie("polyplex_console", session).get("/console/streams/" + id + "/status").then().statusCode(200)
                .body(containsString("hx-trigger=\"every 3s\""), not(containsString("<html")));
        given().cookie("polyplex_console", session).get("/console/streams/999999").then().statusCode(404);

        Response created = post("/console/streams/" + id + "/keys", Map.of("label", "desk"));
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.header("Cache-Control")).isEqualTo("no-store");
        Matcher m = KEY.matcher(created.asString());
        assertThat(m.find()).as("the new key in the answer").isTrue();
        String key = m.group(1);
        String again = given().cookie("polyplex_console", session).get("/console/streams/" + id).asString();
        assertThat(again).contains("desk").doesNotContain(key).doesNotContain("new-key-value");
        assertThat(AdminApi.asAdmin().get("/api/streams/" + id + "/keys").asString()).doesNotContain(key);

        post("/console/streams/" + id + "/start", Map.of()).then().statusCode(303);
        post("/console/streams/" + id + "/start", Map.of()).then().statusCode(409)
                .body(containsString("already has generation"));
        post("/console/streams/" + id + "/stop", Map.of()).then().statusCode(303);
        post("/console/streams/" + id + "/stop", Map.of()).then().statusCode(409)
                .body(containsString("no open generation"));
        given().cookie("polyplex_console", session).get("/console/streams/" + id).then()
                .body(containsString("stopped by an admin"), containsString("<th>Node</th>"),
                        containsString("<td class=\"muted\">" + node.value() + "</td>"));
        post("/console/streams/" + id + "/delete", Map.of()).then().statusCode(303);
        AdminApi.asAdmin().get("/api/streams/" + id).then().statusCode(404);
    }

    @Test
    void shouldRenameAStreamAndSetItsVisibilityAndTakeover() {
        String name = AdminApi.unique("Desk");
        String location = post("/console/streams", Map.of("name", name, "visibility", "public")).then()
                .statusCode(303).extract().header("Location");
        long id = Long.parseLong(location.replaceAll(".*/console/streams/(\\d+).*", "$1"));
        assertThat(given().cookie("polyplex_console", session).get("/console/streams/" + id).asString())
                .contains("id=\"edit-name\" name=\"name\" value=\"" + name + "\"", "<option value=\"public\" selected>")
                .doesNotContain("id=\"edit-takeover\" value=\"on\" checked");

        String edit = "/console/streams/" + id + "/edit";
        post(edit, Map.of("name", " ", "visibility", "private")).then().statusCode(400)
                .body(containsString("A name has 1 to 200 characters."));
        post(edit, Map.of("name", name, "visibility", "everyone")).then().statusCode(400)
                .body(containsString("visibility must be public, subscribers or private"));
        String other = AdminApi.unique("Taken");
        post("/console/streams", Map.of("name", other, "visibility", "public")).then().statusCode(303);
        post(edit, Map.of("name", other, "visibility", "public")).then().statusCode(409).body(containsString("exists"));

        String renamed = name + " 2";
        post(edit, Map.of("name", renamed, "visibility", "subscribers", "allowTakeover", "on")).then().statusCode(303)
                .header("Location", containsString("notice=saved"));
        AdminApi.asAdmin().get("/api/streams/" + id).then().statusCode(200)
                .body("name", org.hamcrest.Matchers.equalTo(renamed))
                .body("visibility", org.hamcrest.Matchers.equalTo("subscribers"))
                .body("allowTakeover", org.hamcrest.Matchers.equalTo(true));
        assertThat(given().cookie("polyplex_console", session).get("/console/streams/" + id + "?notice=saved").asString())
                .contains("Saved.", "<option value=\"subscribers\" selected>", "id=\"edit-takeover\" value=\"on\" checked");
        post(edit, Map.of("name", renamed, "visibility", "subscribers")).then().statusCode(303);
        AdminApi.asAdmin().get("/api/streams/" + id).then().body("allowTakeover", org.hamcrest.Matchers.equalTo(false));
    }

    @Test
    void shouldRefuseForgedAndCrossSitePosts() {
        long id = AdminApi.create("/api/streams", Map.of("name", AdminApi.unique("Guarded"), "visibility", "private"));
        for (String path : new String[] { "/console/streams", "/console/streams/" + id + "/keys",
                "/console/streams/" + id + "/start", "/console/streams/" + id + "/delete" }) {
            given().redirects().follow(false).cookie("polyplex_console", session)
                    .header("Origin", ConsoleLoginTest.origin()).formParam("csrf", "forged")
                    .formParam("name", "forged").formParam("visibility", "public").post(path).then().statusCode(403);
            given().redirects().follow(false).cookie("polyplex_console", session)
                    .header("Origin", "https://evil.example").formParam("csrf", csrf).formParam("name", "forged")
                    .formParam("visibility", "public").post(path).then().statusCode(403);
            given().redirects().follow(false).cookie("polyplex_console", session).formParam("csrf", csrf)
                    .formParam("name", "forged").formParam("visibility", "public").post(path).then().statusCode(403);
        }
        AdminApi.asAdmin().get("/api/streams/" + id).then().statusCode(200);
        assertThat(AdminApi.asAdmin().get("/api/streams/" + id + "/keys").jsonPath().getList("$")).isEmpty();
        AdminApi.asAdmin().get("/api/streams/" + id + "/status").then().body(containsString("idle"));
        assertThat(AdminApi.asAdmin().get("/api/streams?q=forged").asString()).doesNotContain("\"forged\"");
    }

    private Response post(String path, Map<String, String> form) {
        RequestSpecification spec = given().redirects().follow(false).cookie("polyplex_console", session)
                .header("Origin", ConsoleLoginTest.origin()).formParam("csrf", csrf);
        form.forEach(spec::formParam);
        return spec.post(path);
    }
}
