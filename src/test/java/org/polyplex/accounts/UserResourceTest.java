package org.polyplex.accounts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.polyplex.testsupport.AdminApi.adminToken;
import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.token;
import static org.polyplex.testsupport.AdminApi.unique;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

@QuarkusTest
class UserResourceTest {

    @Inject
    AccountService accounts;

    @Test
    void createReadUpdateDeleteWithoutEverShowingThePassword() {
        String name = unique("alice");
        String body = asAdmin().body(Map.of("username", name, "password", "first-pass", "maxConnections", 2,
                "expiresAt", "2031-01-02T03:04:05Z", "trial", true))
                .when().post("/api/users")
                .then().statusCode(201)
                .header("Location", containsString("/api/users/"))
                .body("username", equalTo(name))
                .body("maxConnections", equalTo(2))
                .body("expiresAt", equalTo("2031-01-02T03:04:05Z"))
                .body("trial", equalTo(true))
                .body("enabled", equalTo(true))
                .body("admin", equalTo(false))
                .body("password", nullValue())
                .extract().asString();
        assertThat(body).doesNotContain("first-pass").doesNotContain("$2a$");
        long id = asAdmin().get("/api/users?q=" + name).then().extract().jsonPath().getLong("[0].id");

        asAdmin().body(Map.of("username", name, "maxConnections", 5, "enabled", false))
                .when().put("/api/users/" + id)
                .then().statusCode(200).body("maxConnections", equalTo(5)).body("enabled", equalTo(false))
                .body("expiresAt", nullValue());
        // an update without a password keeps the old one
        assertThat(accounts.authenticate(name, "first-pass")).isPresent();
        asAdmin().body(Map.of("username", name, "password", "second-pass")).put("/api/users/" + id).then().statusCode(200);
        assertThat(accounts.authenticate(name, "first-pass")).isEmpty();
        assertThat(accounts.authenticate(name, "second-pass")).isPresent();

        String list = asAdmin().get("/api/users").then().statusCode(200).extract().asString();
        assertThat(list).doesNotContain("second-pass").doesNotContain("$2a$").doesNotContain("passwordHash");

        asAdmin().delete("/api/users/" + id).then().statusCode(204);
        asAdmin().get("/api/users/" + id).then().statusCode(404).body("code", equalTo("not_found"));
        assertThat(accounts.authenticate(name, "second-pass")).isEmpty();
    }

    @Test
    void duplicateUsernameIs409() {
        String name = unique("dup");
        create("/api/users", Map.of("username", name, "password", "pass-1234"));
        asAdmin().body(Map.of("username", name, "password", "pass-5678")).post("/api/users")
                .then().statusCode(409).body("code", equalTo("conflict")).body("field", equalTo("username"));
        long other = create("/api/users", Map.of("username", unique("other"), "password", "pass-1234"));
        asAdmin().body(Map.of("username", name)).put("/api/users/" + other).then().statusCode(409);
    }

    @Test
    void invalidInputNamesTheFieldAndWritesNothing() {
        long before = total();
        asAdmin().body(Map.of("username", unique("t"), "password", "pass-1234", "maxConnections", "lots"))
                .post("/api/users").then().statusCode(400).body("field", equalTo("maxConnections"));
        asAdmin().body(Map.of("username", unique("t"), "password", "pass-1234", "expiresAt", "next tuesday"))
                .post("/api/users").then().statusCode(400).body("field", equalTo("expiresAt"));
        asAdmin().body(Map.of("password", "pass-1234")).post("/api/users")
                .then().statusCode(400).body("field", equalTo("username"));
        asAdmin().body(Map.of("username", unique("t"))).post("/api/users")
                .then().statusCode(400).body("field", equalTo("password"));
        asAdmin().body(Map.of("username", "a/b", "password", "pass-1234")).post("/api/users")
                .then().statusCode(400).body("field", equalTo("username"));
        asAdmin().body(Map.of("username", "x' OR '1'='1", "password", "pass-1234")).post("/api/users")
                .then().statusCode(400).body("field", equalTo("username"));
        asAdmin().body(Map.of("username", unique("t"), "password", "p")).post("/api/users")
                .then().statusCode(400).body("field", equalTo("password"));
        asAdmin().body(Map.of("username", unique("t"), "password", "pass-1234", "maxConnections", 0))
                .post("/api/users").then().statusCode(400).body("field", equalTo("maxConnections"));
        asAdmin().body(Map.of("username", unique("t"), "password", "pass-1234", "bouquetIds", List.of(987654)))
                .post("/api/users").then().statusCode(400).body("field", equalTo("bouquetIds"));
        asAdmin().body("{\"username\": ").post("/api/users").then().statusCode(400).body("code", equalTo("malformed_json"));
        asAdmin().body("null").post("/api/users").then().statusCode(400).body("field", equalTo("body"));
        assertThat(total()).isEqualTo(before);
    }

    @Test
    void shouldRefuseDotUsernamesWhenCreatingOrUpdating() {
        long before = total();
        for (String dots : List.of(".", "..")) {
            asAdmin().body(Map.of("username", dots, "password", "pass-1234")).post("/api/users")
                    .then().statusCode(400).body("field", equalTo("username"))
                    .body("message", containsString("may not be . or .."));
        }
        assertThat(total()).isEqualTo(before);
        String name = unique("dots");
        long id = create("/api/users", Map.of("username", name, "password", "pass-1234"));
        asAdmin().body(Map.of("username", "..")).put("/api/users/" + id)
                .then().statusCode(400).body("field", equalTo("username"));
        asAdmin().get("/api/users/" + id).then().statusCode(200).body("username", equalTo(name));
        asAdmin().body(Map.of("username", "...", "password", "pass-1234")).post("/api/users").then().statusCode(201);
    }

    @Test
    void unknownIdsAre404() {
        asAdmin().get("/api/users/9999999").then().statusCode(404);
        asAdmin().body(Map.of("username", unique("ghost"))).put("/api/users/9999999").then().statusCode(404);
        asAdmin().delete("/api/users/9999999").then().statusCode(404);
        asAdmin().get("/api/users/not-a-number").then().statusCode(404);
    }

    @Test
    void oversizedBodyIs413() {
        asAdmin().body("{\"username\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}").post("/api/users")
                .then().statusCode(413).body("code", equalTo("payload_too_large"));
    }

    @Test
    void listsPageAndFilter() {
        String prefix = unique("page");
        for (int i = 0; i < 3; i++) {
            create("/api/users", Map.of("username", prefix + "-" + i, "password", "pass-1234", "trial", i == 0));
        }
        asAdmin().get("/api/users?q=" + prefix + "&size=2&page=0").then().statusCode(200)
                .header("X-Total-Count", "3").body("size()", equalTo(2))
                .body("username", contains(prefix + "-0", prefix + "-1"));
        asAdmin().get("/api/users?q=" + prefix + "&size=2&page=1").then().body("username", contains(prefix + "-2"));
        asAdmin().get("/api/users?admin=true").then().body("username", hasItem("admin"))
                .body("username", not(hasItem(prefix + "-0")));
        asAdmin().get("/api/users?page=-1").then().statusCode(400).body("field", equalTo("page"));
    }

    @Test
    void theLastEnabledAdminCannotBeRemovedOrDemoted() {
        List<Map<String, Object>> others = asAdmin().get("/api/users?admin=true&enabled=true&size=1000").then()
                .extract().jsonPath().getList("findAll { it.username != 'admin' }");
        long adminId = asAdmin().get("/api/users?q=admin&admin=true").then().extract().jsonPath()
                .getLong("find { it.username == 'admin' }.id");
        String token = adminToken();
        others.forEach(o -> setEnabled(token, o, false));
        try {
            asAdmin().delete("/api/users/" + adminId).then().statusCode(409).body("field", equalTo("admin"));
            asAdmin().body(Map.of("username", "admin", "admin", false)).put("/api/users/" + adminId)
                    .then().statusCode(409);
            asAdmin().body(Map.of("username", "admin", "admin", true, "enabled", false)).put("/api/users/" + adminId)
                    .then().statusCode(409);

            String root = unique("root");
            long second = create("/api/users", Map.of("username", root, "password", "pass-1234", "admin", true));
            String rootToken = token(root, "pass-1234");
            asAdmin().body(Map.of("username", "admin", "admin", false)).put("/api/users/" + adminId).then().statusCode(200);
            // now root is the only enabled admin
            given().auth().oauth2(rootToken).delete("/api/users/" + second).then().statusCode(409);
            given().auth().oauth2(rootToken).contentType("application/json")
                    .body(Map.of("username", "admin", "admin", true)).put("/api/users/" + adminId).then().statusCode(200);
            asAdmin().delete("/api/users/" + second).then().statusCode(204);
        } finally {
            others.forEach(o -> setEnabled(adminToken(), o, true));
        }
    }

    private static void setEnabled(String token, Map<String, Object> user, boolean enabled) {
        Map<String, Object> body = new HashMap<>(user);
        body.keySet().retainAll(List.of("username", "maxConnections", "expiresAt", "trial", "admin", "bouquetIds"));
        body.put("enabled", enabled);
        given().auth().oauth2(token).contentType("application/json").body(body)
                .put("/api/users/" + user.get("id")).then().statusCode(200);
    }

    @Test
    void withoutATokenNothingIsListed() {
        given().get("/api/users").then().statusCode(401).body("status", equalTo(401));
        given().get("/api/channels").then().statusCode(401);
        given().get("/api/categories").then().statusCode(401);
        given().get("/api/bouquets").then().statusCode(401);
    }

    private static long total() {
        return Long.parseLong(asAdmin().get("/api/users?size=1").then().extract().header("X-Total-Count"));
    }
}
