package org.polyplex.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.unique;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.polyplex.accounts.AccountService;
import org.polyplex.testsupport.AdminApi;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.specification.RequestSpecification;

/** The access rules on the console's line form: saved as typed, a bad address shown next to its field. */
@QuarkusTest
class ConsoleLineAccessTest {

    @Inject
    AccountService accounts;

    private String session;
    private String csrf;

    @BeforeEach
    void logIn() {
        session = ConsoleLoginTest.login("admin", AdminApi.ADMIN_PASSWORD).cookie("polyplex_console");
        csrf = ConsoleLoginTest.csrf(given().cookie("polyplex_console", session).get("/").then().statusCode(200)
                .extract().asString());
    }

    private RequestSpecification form(String name) {
        return given().redirects().follow(false).cookie("polyplex_console", session)
                .header("Origin", ConsoleLoginTest.origin()).formParam("csrf", csrf).formParam("username", name)
                .formParam("maxConnections", "2").formParam("enabled", "true");
    }

    @Test
    void shouldSaveTheRulesAndShowABadAddressNextToItsField() {
        String name = unique("formrules");
        long id = AdminApi.create("/api/users", Map.of("username", name, "password", "form-pw-1"));
        form(name).formParam("formats", "m3u8").formParam("addresses", "10.0.0.0/8\n2001:db8::/32")
                .formParam("userAgents", "TiviMate\nVLC").formParam("lockToFirstAddress", "true")
                .post("/console/lines/" + id).then().statusCode(303);
        asAdmin().get("/api/users/{id}", id).then().body("access.formats", contains("m3u8"))
                .body("access.addresses", contains("10.0.0.0/8", "2001:db8::/32"))
                .body("access.userAgents", contains("tivimate", "vlc"))
                .body("access.lockToFirstAddress", equalTo(true)).body("access.firstAddress", nullValue());
        given().cookie("polyplex_console", session).get("/console/lines/" + id).then().statusCode(200)
                .body(containsString("10.0.0.0/8\n2001:db8::/32"), containsString("id=\"format-m3u8\" checked"));

        form(name).formParam("addresses", "10.0.0.300/8").post("/console/lines/" + id).then().statusCode(400)
                .body(containsString("id=\"addresses-error\">"), containsString("is not an IP address or CIDR block"));
        asAdmin().get("/api/users/{id}", id).then().body("access.addresses", contains("10.0.0.0/8", "2001:db8::/32"));
        // one-click actions keep the rules
        given().redirects().follow(false).cookie("polyplex_console", session)
                .header("Origin", ConsoleLoginTest.origin()).formParam("csrf", csrf)
                .post("/console/lines/" + id + "/enabled").then().statusCode(303);
        asAdmin().get("/api/users/{id}", id).then().body("enabled", equalTo(false))
                .body("access.formats", equalTo(List.of("m3u8")));
    }

    @Test
    void shouldSaveTheOutputProfileAndShowABadNameNextToItsField() {
        String name = unique("formprofile");
        long id = AdminApi.create("/api/users", Map.of("username", name, "password", "form-pw-1"));
        form(name).formParam("outputProfile", "480p-1200k").post("/console/lines/" + id).then().statusCode(303);
        asAdmin().get("/api/users/{id}", id).then().body("outputProfile", equalTo("480p-1200k"));
        given().cookie("polyplex_console", session).get("/console/lines/" + id).then().statusCode(200)
                .body(containsString("name=\"outputProfile\" value=\"480p-1200k\""));

        form(name).formParam("outputProfile", "Bad Name").post("/console/lines/" + id).then().statusCode(400)
                .body(containsString("id=\"outputProfile-error\">"), containsString("is a profile name"));
        asAdmin().get("/api/users/{id}", id).then().body("outputProfile", equalTo("480p-1200k"));
        form(name).formParam("outputProfile", "").post("/console/lines/" + id).then().statusCode(303);
        asAdmin().get("/api/users/{id}", id).then().body("outputProfile", equalTo("passthrough"));
    }

    @Test
    void shouldShowAndForgetTheFirstAddress() {
        String name = unique("formfirst");
        long id = AdminApi.create("/api/users", Map.of("username", name, "password", "form-pw-2", "access",
                Map.of("lockToFirstAddress", true)));
        accounts.recordFirstAddress(id, "192.0.2.7");
        given().cookie("polyplex_console", session).get("/console/lines/" + id).then().statusCode(200)
                .body(containsString("First address: 192.0.2.7"));
        given().redirects().follow(false).cookie("polyplex_console", session)
                .header("Origin", ConsoleLoginTest.origin()).formParam("csrf", csrf)
                .post("/console/lines/" + id + "/first-address").then().statusCode(303)
                .header("Location", containsString("notice=first-address"));
        asAdmin().get("/api/users/{id}", id).then().body("access.firstAddress", nullValue())
                .body("access.lockToFirstAddress", equalTo(true));
    }
}
