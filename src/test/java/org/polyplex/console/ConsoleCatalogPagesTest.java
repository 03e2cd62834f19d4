package org.polyplex.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;

import org.polyplex.testsupport.AdminApi;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.specification.RequestSpecification;

/**
 * The catalog pages over plain HTTP, as a logged-in admin: bouquets (the API's messages on the
 * form, delete refused while a line holds one, bouquets on the line form), bulk enable and
 * disable, the drag-and-drop order, "test now" against a source that refuses, movies and series.
 */
@QuarkusTest
class ConsoleCatalogPagesTest {

    private String session;
    private String csrf;

    @BeforeEach
    void logIn() {
        session = ConsoleLoginTest.login("admin", AdminApi.ADMIN_PASSWORD).cookie("polyplex_console");
        csrf = ConsoleLoginTest.csrf(page("/"));
    }

    @Test
    void shouldRenderTheCatalogPages() {
        AdminApi.create("/api/movies", Map.of("name", AdminApi.unique("Heat"), "sourceUrl",
                "http://vod.example/heat.mp4", "containerExtension", "mp4"));
        for (String path : new String[] { "/console/bouquets", "/console/movies", "/console/series",
                "/console/channels?state=disabled", "/console/movies?q=Heat", "/console/series?q=nothing&page=3" }) {
            given().cookie("polyplex_console", session).get(path).then().statusCode(200)
                    .contentType(containsString("text/html"));
        }
        given().cookie("polyplex_console", session).get("/console/movies?q=Heat").then()
                .body(containsString("Heat-"), containsString("mp4"));
        given().cookie("polyplex_console", session).get("/console/bouquets/999999").then().statusCode(404);
    }

    @Test
    void shouldShowTheApiMessagesOnTheBouquetFormsAndRefuseDeletingAHeldBouquet() {
        String name = AdminApi.unique("Family");
        post("/console/bouquets", Map.of("name", "")).then().statusCode(400)
                .body(containsString("id=\"name-error\""), containsString("must not be blank"));
        long id = bouquetId(post("/console/bouquets", Map.of("name", name)).then().statusCode(303).extract()
                .header("Location"));
        post("/console/bouquets", Map.of("name", name)).then().statusCode(400)
                .body(containsString("a bouquet named &#39;" + name + "&#39; exists"));

        long category = AdminApi.create("/api/categories", Map.of("name", AdminApi.unique("Kids"), "kind", "live"));
        post("/console/bouquets/" + id, Map.of("name", name + " TV", "categoryIds", String.valueOf(category)))
                .then().statusCode(303);
        long channel = AdminApi.createChannel("Cartoons", "http://upstream.example/cartoons.ts");
        post("/console/bouquets/" + id + "/channels", Map.of("channelIds", String.valueOf(channel))).then()
                .statusCode(303);
        AdminApi.asAdmin().get("/api/bouquets/" + id).then().statusCode(200)
                .body(containsString(name + " TV"));
        assertThat(AdminApi.asAdmin().get("/api/bouquets/" + id).jsonPath().getList("channelIds", Long.class))
                .containsExactly(channel);
        given().cookie("polyplex_console", session).get("/console/bouquets/" + id + "?cq=Cartoons").then()
                .statusCode(200).body(containsString("(in the bouquet)"), containsString("checked"));

        String line = AdminApi.unique("kid");
        long user = AdminApi.create("/api/users", Map.of("username", line, "password", "kid-pass"));
        post("/console/lines/" + user, Map.of("username", line, "maxConnections", "1", "enabled", "true",
                "bouquetIds", String.valueOf(id))).then().statusCode(303);
        assertThat(AdminApi.asAdmin().get("/api/users/" + user).jsonPath().getList("bouquetIds", Long.class))
                .containsExactly(id);
        given().cookie("polyplex_console", session).get("/console/lines/" + user).then()
                .body(containsString("value=\"" + id + "\" id=\"bouquet-" + id + "\" checked"));

        post("/console/bouquets/" + id + "/delete", Map.of()).then().statusCode(409)
                .body(containsString("is assigned to users"));
        post("/console/lines/" + user, Map.of("username", line, "maxConnections", "1", "enabled", "true"))
                .then().statusCode(303);
        assertThat(AdminApi.asAdmin().get("/api/users/" + user).jsonPath().getList("bouquetIds")).isEmpty();
        post("/console/bouquets/" + id + "/delete", Map.of()).then().statusCode(303);
        AdminApi.asAdmin().get("/api/bouquets/" + id).then().statusCode(404);
    }

    @Test
    void shouldDisableAndEnableTheCheckedChannelsAndGoBackToTheList() {
        long a = AdminApi.createChannel("Bulk", "http://upstream.example/a.ts");
        long b = AdminApi.createChannel("Bulk", "http://upstream.example/b.ts");
        long c = AdminApi.createChannel("Bulk", "http://upstream.example/c.ts");
        String location = given().redirects().follow(false).cookie("polyplex_console", session)
                .header("Origin", ConsoleLoginTest.origin()).formParam("csrf", csrf)
                .formParam("ids", a, b).formParam("enabled", "false").formParam("back", "/console/channels?q=Bulk&page=0")
                .post("/console/channels/bulk").then().statusCode(303).extract().header("Location");
        assertThat(location).endsWith("/console/channels?q=Bulk&page=0&notice=bulk-disabled");
        assertThat(enabled(a)).isFalse();
        assertThat(enabled(b)).isFalse();
        assertThat(enabled(c)).isTrue();
        given().cookie("polyplex_console", session).get(location).then()
                .body(containsString("The checked channels are disabled"));

        given().redirects().follow(false).cookie("polyplex_console", session).header("Origin", ConsoleLoginTest.origin())
                .formParam("csrf", "forged").formParam("ids", c).formParam("enabled", "false")
                .post("/console/channels/bulk").then().statusCode(403);
        assertThat(enabled(c)).isTrue();
        post("/console/channels/bulk", Map.of("ids", String.valueOf(a), "enabled", "true", "back", "https://evil.example/"))
                .then().statusCode(303).header("Location", allOf(containsString("/console/channels?page=0"),
                        not(containsString("evil"))));
        assertThat(enabled(a)).isTrue();
    }

    @Test
    void shouldPutTheSourcesInTheDraggedOrderAndIgnoreABrokenOne() {
        long id = AdminApi.create("/api/channels", Map.of("name", AdminApi.unique("Order"), "sources", List.of(
                Map.of("url", "http://one.example/1.ts"), Map.of("url", "http://two.example/2.ts"),
                Map.of("url", "http://three.example/3.ts"))));
        post("/console/channels/" + id + "/sources/order", Map.of("order", "2,0,1")).then().statusCode(303);
        assertThat(sources(id)).containsExactly("http://three.example/3.ts", "http://one.example/1.ts",
                "http://two.example/2.ts");
        post("/console/channels/" + id + "/sources/order", Map.of("order", "0,0,1")).then().statusCode(303);
        assertThat(sources(id)).containsExactly("http://three.example/3.ts", "http://one.example/1.ts",
                "http://two.example/2.ts");
    }

    @Test
    void shouldTestASourceThatRefusesAndMaskItsCredentials() {
        long id = AdminApi.createChannel("Refusing",
                "http://127.0.0.1:9/live/alice/s3cret-pass/1.ts?token=t0ken-value");
        String html = post("/console/channels/" + id + "/sources/test", Map.of("index", "0")).then().statusCode(200)
                .extract().asString();
        assertThat(html).contains("id=\"probe-result\"", "Not playable").doesNotContain("s3cret-pass")
                .doesNotContain("t0ken-value").doesNotContain("alice");
        post("/console/channels/" + id + "/sources/test", Map.of("index", "5")).then().statusCode(404);
    }

    private boolean enabled(long channel) {
        return AdminApi.asAdmin().get("/api/channels/" + channel).jsonPath().getBoolean("enabled");
    }

    private List<String> sources(long channel) {
        return AdminApi.asAdmin().get("/api/channels/" + channel).jsonPath().getList("sources.url", String.class);
    }

    private static long bouquetId(String location) {
        return Long.parseLong(location.replaceAll(".*/console/bouquets/(\\d+).*", "$1"));
    }

    private io.restassured.response.Response post(String path, Map<String, String> form) {
        RequestSpecification request = given().redirects().follow(false).cookie("polyplex_console", session)
                .header("Origin", ConsoleLoginTest.origin()).formParam("csrf", csrf);
        form.forEach(request::formParam);
        return request.post(path);
    }

    private String page(String path) {
        return given().cookie("polyplex_console", session).get(path).then().statusCode(200).extract().asString();
    }
}
