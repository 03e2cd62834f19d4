package org.polyplex.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the packaged application, writes through the admin API, stops it, starts it again in
 * the same working directory and reads everything back: the data, the admin's password and the
 * token signing keys all survive a restart. It runs through {@code bin/polyplex}, so the JVM has
 * the launcher's bounded heap.
 */
class RestartPersistenceIT {

    private static final String PASSWORD = PackagedApp.ADMIN_PASSWORD;

    @Test
    void dataAndCredentialsSurviveARestart(@TempDir Path workDir) throws Exception {
        Map<String, String> env = Map.of("POLYPLEX_ADMIN_PASSWORD", PASSWORD);
        // Unique per run: on PostgreSQL the database outlives the run.
        int run = (int) (System.nanoTime() % 1_000_000);
        String viewer = "restart-viewer-" + run;
        long userId;
        long channelId;
        String tokenBefore;
        try (PackagedApp app = PackagedApp.start(workDir, env)) {
            tokenBefore = app.adminToken(PASSWORD);
            long categoryId = app.api(tokenBefore).body(Map.of("name", "Restart News " + run, "kind", "live"))
                    .post("/api/categories").then().statusCode(201).extract().jsonPath().getLong("id");
            channelId = app.api(tokenBefore)
                    .body(Map.of("name", "Restart 24", "number", 1_000_000 + run, "categoryId", categoryId,
                            "sources", List.of(Map.of("url", "http://127.0.0.1:9/restart.ts"))))
                    .post("/api/channels").then().statusCode(201).extract().jsonPath().getLong("id");
            userId = app.api(tokenBefore).body(Map.of("username", viewer, "password", "viewer-pass",
                    "maxConnections", 3)).post("/api/users").then().statusCode(201).extract().jsonPath().getLong("id");
            assertThat(app.log()).doesNotContain(PASSWORD).doesNotContain("viewer-pass");
            assertThat(maxHeap(app.api(tokenBefore).get("/q/metrics").then().statusCode(200).extract().asString()))
                    .as("the launcher's default heap").isEqualTo(768L << 20);
        }
        try (PackagedApp app = PackagedApp.start(workDir, env)) {
            app.api(tokenBefore).get("/api/channels/" + channelId).then().statusCode(200)
                    .body("name", equalTo("Restart 24"))
                    .body("number", equalTo(1_000_000 + run))
                    .body("sources[0].url", equalTo("http://127.0.0.1:9/restart.ts"));
            app.api(app.adminToken(PASSWORD)).get("/api/users/" + userId).then().statusCode(200)
                    .body("username", equalTo(viewer))
                    .body("maxConnections", equalTo(3));
            assertThat(app.log()).doesNotContain("generated password");
        }
    }

    /** The old generation's maximum, which is the JVM's maximum heap under G1, from the metrics. */
    private static long maxHeap(String metrics) {
        return metrics.lines()
                .filter(l -> l.startsWith("jvm_memory_max_bytes{") && l.contains("area=\"heap\"")
                        && l.contains("id=\"G1 Old Gen\""))
                .map(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("no G1 Old Gen maximum in the metrics"));
    }
}
