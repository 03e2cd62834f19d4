package org.polyplex.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.polyplex.testsupport.AdminApi;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * The console's login over plain HTTP: the page at {@code /}, the cookie's attributes, refusals
 * (wrong password, a subscriber), and the cross-site checks of every form post.
 */
@QuarkusTest
class ConsoleLoginTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @Test
    void shouldServeTheLoginPageAtTheRootWithNoOtherHost() {
        String html = given().accept("text/html").when().get("/")
                .then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Cache-Control", "no-store")
                .body(containsString("action=\"/console/login\""))
                .extract().asString();
        assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//");
        given().when().get("/webjars/htmx.org/2.0.4/dist/htmx.min.js").then().statusCode(200);
        given().when().get("/console/static/console.css").then().statusCode(200);
        given().when().get("/console/static/console.js").then().statusCode(200);
    }

    @Test
    void shouldSendAnonymousPagesToTheLogin() {
        given().redirects().follow(false).when().get("/console/lines")
                .then().statusCode(303).header("Location", containsString("/"));
    }

    @Test
    void shouldRefuseAWrongPasswordWithoutACookie() {
        login("admin", "wrong-password")
                .then().statusCode(401).header("Set-Cookie", nullValue())
                .body(containsString("Invalid username or password"));
    }

    @Test
    void shouldRefuseASubscriberWithTheRightPassword() {
        String username = AdminApi.unique("viewer");
        AdminApi.create("/api/users", Map.of("username", username, "password", "viewer-pass"));
        login(username, "viewer-pass").then().statusCode(401).header("Set-Cookie", nullValue());
    }

    @Test
    void shouldHoldTheSessionInAStrictHttpOnlyCookieAndEndItAtLogout() {
        Response ok = login("admin", AdminApi.ADMIN_PASSWORD);
        ok.then().statusCode(303).header("Location", containsString("/"));
        String setCookie = ok.header("Set-Cookie");
        assertThat(setCookie).contains("polyplex_console=").contains("HttpOnly").containsIgnoringCase("SameSite=Strict")
                .contains("Max-Age=").contains("Path=/").doesNotContain("Secure");
        String session = ok.cookie("polyplex_console");

        String dashboard = given().cookie("polyplex_console", session).when().get("/")
                .then().statusCode(200).body(containsString("Dashboard")).extract().asString();
        String csrf = csrf(dashboard);

        given().redirects().follow(false).cookie("polyplex_console", session).header("Origin", origin())
                .formParam("csrf", csrf).when().post("/console/logout")
                .then().statusCode(303).header("Set-Cookie", containsString("Max-Age=0"));
        given().cookie("polyplex_console", session).when().get("/")
                .then().statusCode(200).body(containsString("action=\"/console/login\""), not(containsString("Log out")));
    }

    @Test
    void shouldRefuseAFormPostFromAnotherOrigin() {
        String session = login("admin", AdminApi.ADMIN_PASSWORD).cookie("polyplex_console");
        String csrf = csrf(given().cookie("polyplex_console", session).get("/").asString());

        // a page on another site posting the (guessed) form with the admin's cookie
        given().redirects().follow(false).cookie("polyplex_console", session).header("Origin", "http://evil.example")
                .formParam("csrf", csrf).when().post("/console/logout")
                .then().statusCode(403).contentType(containsString("text/html"));
        // neither Origin nor Referer
        given().redirects().follow(false).cookie("polyplex_console", session)
                .formParam("csrf", csrf).when().post("/console/logout").then().statusCode(403);
        // the right origin, but not the session's form token
        given().redirects().follow(false).cookie("polyplex_console", session).header("Origin", origin())
                .formParam("csrf", "forged").when().post("/console/logout").then().statusCode(403);
        // a Referer of this server stands in for a missing Origin
        given().cookie("polyplex_console", session).get("/").then().body(containsString("Log out"));
        given().redirects().follow(false).cookie("polyplex_console", session).header("Referer", origin() + "/")
                .formParam("csrf", csrf).when().post("/console/logout").then().statusCode(303);
    }

    @Test
    void shouldRefuseALoginPostedFromAnotherOrigin() {
        given().redirects().follow(false).header("Origin", "http://evil.example")
                .formParam("username", "admin").formParam("password", AdminApi.ADMIN_PASSWORD)
                .when().post("/console/login").then().statusCode(403).header("Set-Cookie", nullValue());
    }

    static Response login(String username, String password) {
        return given().redirects().follow(false).header("Origin", origin())
                .formParam("username", username).formParam("password", password)
                .when().post("/console/login");
    }

    static String origin() {
        return "http://localhost:" + RestAssured.port;
    }

    static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("a form token in the page").isTrue();
        return m.group(1);
    }
}
