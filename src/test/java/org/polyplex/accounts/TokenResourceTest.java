package org.polyplex.accounts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.polyplex.testsupport.AdminApi.ADMIN_PASSWORD;
import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.token;
import static org.polyplex.testsupport.AdminApi.unique;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;

@QuarkusTest
class TokenResourceTest {

    @Test
    void adminGetsABearerTokenThatOpensTheApi() {
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", ADMIN_PASSWORD))
                .when().post("/api/auth/token")
                .then().statusCode(200)
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(3600))
                .body("access_token", notNullValue());
        asAdmin().when().get("/api/users").then().statusCode(200);
    }

    @Test
    void wrongPasswordIs401AndUnknownUserToo() {
        login("admin", "not-the-password").then().statusCode(401).body("code", equalTo("invalid_credentials"));
        login(unique("nobody"), "whatever").then().statusCode(401).body("status", equalTo(401));
    }

    @Test
    void shouldAnswerASubscribersRightPasswordLikeAWrongOneWhenAskingForAToken() {
        String name = unique("viewer");
        create("/api/users", Map.of("username", name, "password", "viewer-pass"));
        String right = login(name, "viewer-pass").then().statusCode(401).extract().asString();
        String wrong = login(name, "viewer-typo").then().statusCode(401).extract().asString();
        assertThat(right).isEqualTo(wrong).contains("invalid_credentials");
    }

    @Test
    void disabledAdminGetsNoTokenAndLosesTheOneItHad() {
        String name = unique("admin2");
        long id = create("/api/users", Map.of("username", name, "password", "admin2-pass", "admin", true));
        String token = token(name, "admin2-pass");
        given().auth().oauth2(token).when().get("/api/users").then().statusCode(200);

        asAdmin().body(Map.of("username", name, "admin", true, "enabled", false)).when().put("/api/users/" + id)
                .then().statusCode(200);
        given().auth().oauth2(token).when().get("/api/users").then().statusCode(401);
        login(name, "admin2-pass").then().statusCode(401).body("code", equalTo("invalid_credentials"));
    }

    @Test
    void demotedAdminTokenIsForbidden() {
        String name = unique("admin3");
        long id = create("/api/users", Map.of("username", name, "password", "admin3-pass", "admin", true));
        String token = token(name, "admin3-pass");
        asAdmin().body(Map.of("username", name, "admin", false)).when().put("/api/users/" + id).then().statusCode(200);
        given().auth().oauth2(token).when().get("/api/users").then().statusCode(403).body("code", equalTo("forbidden"));
    }

    @Test
    void missingTamperedExpiredAndForeignTokensAre401() throws Exception {
        given().when().get("/api/users").then().statusCode(401).body("code", equalTo("unauthorized"));

        String good = token("admin", ADMIN_PASSWORD);
        String[] parts = good.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        given().auth().oauth2(tampered).when().get("/api/users").then().statusCode(401);

        String expired = Jwt.issuer("polyplex").upn("admin").subject("1").groups(Set.of("admin"))
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)).sign();
        given().auth().oauth2(expired).when().get("/api/users").then().statusCode(401);

        String wrongIssuer = Jwt.issuer("someone-else").upn("admin").subject("1").groups(Set.of("admin"))
                .expiresIn(600).sign();
        given().auth().oauth2(wrongIssuer).when().get("/api/users").then().statusCode(401);

        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair foreign = generator.generateKeyPair();
        String foreignKey = Jwt.issuer("polyplex").upn("admin").subject("1").groups(Set.of("admin")).expiresIn(600)
                .sign(foreign.getPrivate());
        given().auth().oauth2(foreignKey).when().get("/api/users").then().statusCode(401);
    }

    @Test
    void aSignedTokenWithoutTheAdminGroupIsForbidden() {
        String viewer = unique("viewer");
        long id = create("/api/users", Map.of("username", viewer, "password", "viewer-pass"));
        String token = Jwt.issuer("polyplex").upn(viewer).subject(Long.toString(id)).groups(Set.of("subscriber"))
                .expiresIn(600).sign();
        given().auth().oauth2(token).when().get("/api/users").then().statusCode(403);
    }

    @Test
    void repeatedFailuresForOneUsernameAreThrottled() {
        String name = unique("target");
        for (int i = 0; i < 5; i++) {
            login(name, "guess-" + i).then().statusCode(401);
        }
        login(name, "guess-6").then().statusCode(429).header("Retry-After", notNullValue())
                .body("code", equalTo("too_many_requests"));
    }

    private static io.restassured.response.Response login(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .when().post("/api/auth/token");
    }
}
