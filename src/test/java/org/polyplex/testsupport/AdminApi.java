package org.polyplex.testsupport;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * REST Assured helpers for tests of the admin API: an admin token for the bootstrap admin that
 * {@code %test} configures, and unique names so tests never depend on each other's data.
 */
public final class AdminApi {

    /** The bootstrap admin's password in the {@code %test} profile. */
    public static final String ADMIN_PASSWORD = "admin-test-password";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private AdminApi() {
    }

    public static String token(String username, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .when().post("/api/auth/token")
                .then().statusCode(200)
                .extract().path("access_token");
    }

    public static String adminToken() {
        return token("admin", ADMIN_PASSWORD);
    }

    /** A request authenticated as the bootstrap admin, sending and accepting JSON. */
    public static RequestSpecification asAdmin() {
        return given().auth().oauth2(adminToken()).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** A name no other test uses, e.g. {@code unique("user")} -> {@code user-17-1234}. */
    public static String unique(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + (System.nanoTime() % 100_000);
    }

    /** Creates a channel named {@code unique(prefix)} with one source and returns its id. */
    public static long createChannel(String prefix, String sourceUrl) {
        return create("/api/channels", Map.of("name", unique(prefix), "sources", List.of(Map.of("url", sourceUrl))));
    }

    /** Creates an entity and returns its id. */
    public static long create(String path, Object body) {
        return asAdmin().body(body).when().post(path).then().statusCode(201).extract().jsonPath().getLong("id");
    }
}
