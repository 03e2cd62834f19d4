package org.polyplex.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import org.polyplex.testsupport.AdminApi;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's pages over plain HTTP, as a logged-in admin: every page renders, the dashboard
 * draws its graphs, and a scraper source runs now from the sources page with its run in the
 * history.
 */
@QuarkusTest
class ConsolePagesTest {

    private String session;
    private String csrf;

    @BeforeEach
    void logIn() {
        session = ConsoleLoginTest.login("admin", AdminApi.ADMIN_PASSWORD).cookie("polyplex_console");
        csrf = ConsoleLoginTest.csrf(page("/"));
    }

    @Test
    void shouldRenderEveryPage() {
        given().cookie("polyplex_console", session).get("/").then().statusCode(200)
                .body(containsString("Last hour"), containsString("<svg"));
        for (String path : new String[] { "/console/lines", "/console/lines/new", "/console/categories",
                "/console/channels", "/console/channels/new", "/console/live", "/console/live/table",
                "/console/sources" }) {
            given().cookie("polyplex_console", session).get(path).then().statusCode(200)
                    .contentType(containsString("text/html"));
        }
        given().cookie("polyplex_console", session).get("/console/lines/999999").then().statusCode(404)
                .contentType(containsString("text/html"));
    }

    @Test
    void shouldRunAScraperSourceNowAndShowTheRun() {
        long id = AdminApi.create("/api/scraper-sources",
                Map.of("url", "http://127.0.0.1:9/nothing-listens.m3u", "type", "m3u", "enabled", false));
        given().redirects().follow(false).cookie("polyplex_console", session).header("Origin", ConsoleLoginTest.origin())
                .formParam("csrf", csrf).when().post("/console/sources/scraper/" + id + "/run")
                .then().statusCode(303);
        given().cookie("polyplex_console", session).get("/console/sources").then().statusCode(200)
                .body(containsString("127.0.0.1:9/nothing-listens.m3u"), containsString("failed"));
    }

    @Test
    void shouldPollTheLiveTablesAndSendAnEndedSessionToTheLogin() {
        given().cookie("polyplex_console", session).header("HX-Request", "true").get("/console/live/table")
                .then().statusCode(200).body(containsString("id=\"live-tables\""));
        given().cookie("polyplex_console", "ended").header("HX-Request", "true").redirects().follow(false)
                .get("/console/live/table").then().statusCode(200).header("HX-Redirect", "/");
    }

    private String page(String path) {
        return given().cookie("polyplex_console", session).get(path).then().statusCode(200).extract().asString();
    }
}
