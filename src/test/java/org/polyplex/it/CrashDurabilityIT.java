package org.polyplex.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code 201} is durable: the packaged application is killed with SIGKILL the moment it has
 * answered, and after a restart the entities are there. Also checks the production defaults:
 * secret files readable by their owner only, metrics behind a token, no Swagger UI.
 */
class CrashDurabilityIT {

    private static final String PASSWORD = PackagedApp.ADMIN_PASSWORD;

    @Test
    void shouldKeepACreatedEntityWhenKilledRightAfterTheAnswer(@TempDir Path workDir) throws Exception {
        Map<String, String> env = Map.of("POLYPLEX_ADMIN_PASSWORD", PASSWORD);
        int run = (int) (System.nanoTime() % 1_000_000);
        long categoryId;
        long userId;
        String token;
        PackagedApp app = PackagedApp.start(workDir, env);
        try {
            token = app.adminToken(PASSWORD);
            categoryId = app.api(token).body(Map.of("name", "Crash " + run, "kind", "live"))
                    .post("/api/categories").then().statusCode(201).extract().jsonPath().getLong("id");
            userId = app.api(token).body(Map.of("username", "crash-" + run, "password", "crash-pass"))
                    .post("/api/users").then().statusCode(201).extract().jsonPath().getLong("id");
        } finally {
            app.kill();
        }
        try (PackagedApp again = PackagedApp.start(workDir, env)) {
            again.api(token).get("/api/categories/" + categoryId).then().statusCode(200)
                    .body("name", equalTo("Crash " + run));
            again.api(token).get("/api/users/" + userId).then().statusCode(200)
                    .body("username", equalTo("crash-" + run));
        }
    }

    @Test
    void shouldStartWithPrivateSecretsClosedMetricsAndNoSwagger(@TempDir Path workDir) throws Exception {
        try (PackagedApp app = PackagedApp.start(workDir, Map.of("POLYPLEX_ADMIN_PASSWORD", PASSWORD))) {
            given().port(app.port()).get("/q/metrics").then().statusCode(401);
            given().port(app.port()).auth().oauth2(app.adminToken(PASSWORD)).get("/q/metrics").then().statusCode(200);
            given().port(app.port()).get("/q/swagger-ui/").then().statusCode(404);
            given().port(app.port()).get("/q/health/ready").then().statusCode(200);
            Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
            Path privateKey = workDir.resolve("data/jwt/private.pem");
            assertThat(Files.getPosixFilePermissions(privateKey)).isEqualTo(ownerOnly);
            try (var files = Files.list(workDir.resolve("data"))) {
                files.filter(f -> f.getFileName().toString().endsWith(".key")).forEach(key -> {
                    try {
                        assertThat(Files.getPosixFilePermissions(key)).as(key.toString()).isEqualTo(ownerOnly);
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        }
    }
}
