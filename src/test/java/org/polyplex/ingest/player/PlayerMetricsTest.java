package org.polyplex.ingest.player;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.net.URL;
import java.util.Map;

import jakarta.inject.Inject;

import org.polyplex.testsupport.FromAddress;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import io.vertx.core.Vertx;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

/** The player page and its reports: a bounded, validated, rate-limited door into Prometheus. */
@QuarkusTest
class PlayerMetricsTest {

    @Inject
    PlayerMetrics metrics;

    @TestHTTPResource("/")
    URL base;

    int port;

    @org.junit.jupiter.api.BeforeEach
    void port() {
        port = base.getPort();
    }

    @Test
    void shouldServeThePlayerPageWithItsScriptsFromThisOrigin() {
        String page = given().when().get("/watch/42").then().statusCode(200)
                .header("Content-Type", containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .extract().asString();
        assertThat(page).contains("data-stream=\"42\"").contains(WatchPage.HLS_JS).contains("/player/watch.js");
        given().when().get(WatchPage.HLS_JS).then().statusCode(200);
        given().when().get("/player/watch.js").then().statusCode(200);
        given().when().get("/watch/x<script>").then().statusCode(404);
    }

    @Test
    void shouldAggregateValidReports() {
        long before = metrics.startups();
        given().contentType(ContentType.JSON)
                .body(Map.of("streamId", 1, "startupMs", 850, "errors", 0, "rebufferMs", 0, "liveEdgeSeconds", 6.5))
                .when().post("/api/player-metrics").then().statusCode(204);
        assertThat(metrics.startups()).isEqualTo(before + 1);
        String prometheus = given().when().get("/q/metrics").then().extract().asString();
        assertThat(prometheus).contains("polyplex_player_startup_seconds").contains("polyplex_player_live_edge_seconds");
    }

    @Test
    void shouldRefuseReportsOutOfBoundsOrMalformed() {
        given().contentType(ContentType.JSON).body(Map.of("streamId", 1, "startupMs", -5)).when()
                .post("/api/player-metrics").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("streamId", 1, "liveEdgeSeconds", 1e9)).when()
                .post("/api/player-metrics").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"streamId\": ").when().post("/api/player-metrics").then()
                .statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("errors", 1)).when().post("/api/player-metrics").then()
                .statusCode(400);
    }

    @Test
    void shouldRateLimitOneAddress() {
        Vertx vertx = Vertx.vertx();
        try (FromAddress one = new FromAddress(vertx, FromAddress.fresh(), port);
                FromAddress other = new FromAddress(vertx, FromAddress.fresh(), port)) {
            int accepted = 0;
            int limited = 0;
            for (int i = 0; i < 40; i++) {
                int status = one.postJson("/api/player-metrics", "{\"streamId\":1,\"errors\":1}").status();
                accepted += status == 204 ? 1 : 0;
                limited += status == 429 ? 1 : 0;
            }
            assertThat(accepted).isEqualTo(30);
            assertThat(limited).isEqualTo(10);
            assertThat(other.postJson("/api/player-metrics", "{\"streamId\":1}").status())
                    .as("another address is not limited").isEqualTo(204);
        } finally {
            vertx.close();
        }
    }
}
