package org.polyplex.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.createChannel;
import static org.polyplex.testsupport.AdminApi.unique;

import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.polyplex.proxy.ts.TsPacket;
import org.polyplex.testsupport.TsFixtures;
import org.polyplex.testsupport.TsServer;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import io.vertx.core.Vertx;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StreamRoutesTest {

    private static final String PASSWORD = "s3cret-pw";
    private static Vertx vertx;
    private static TsServer upstream;
    private static long channel;
    private static long hidden;
    private static long aceOnly;
    private static String user;
    private static String restricted;

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void fixtures() {
        if (upstream != null) {
            return;
        }
        vertx = Vertx.vertx();
        upstream = new TsServer(vertx, 4_000_000).stream("a", TsFixtures.read(TsFixtures.h264(6, 600))).start();
        channel = createChannel("live", upstream.url("/live/a"));
        hidden = createChannel("hidden", upstream.url("/live/a"));
        aceOnly = createChannel("ace", "acestream://0123456789abcdef0123456789abcdef01234567");
        long bouquet = create("/api/bouquets", Map.of("name", unique("b"), "channelIds", Set.of(channel)));
        user = user(1, null, true, Set.of());
        restricted = user(5, null, true, Set.of(bouquet));
    }

    @AfterAll
    static void stopUpstream() {
        if (vertx != null) {
            vertx.close();
        }
    }

    private static String user(int maxConnections, Instant expiresAt, boolean enabled, Set<Long> bouquets) {
        String name = unique("viewer");
        var body = new HashMap<String, Object>(Map.of("username", name, "password", PASSWORD,
                "maxConnections", maxConnections, "enabled", enabled, "bouquetIds", bouquets));
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt.toString());
        }
        create("/api/users", body);
        return name;
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    @Test
    void refusalsComeBeforeAnyUpstreamIsTouched() {
        int before = upstream.requests("/live/a");
        given().get("/live/{u}/wrong-pw/{id}.ts", user, channel).then().statusCode(401).body("code", equalTo("unauthorized"));
        given().get("/live/nobody/{p}/{id}.ts", PASSWORD, channel).then().statusCode(401);
        String expired = user(1, Instant.now().minusSeconds(60), true, Set.of());
        given().get("/live/{u}/{p}/{id}.ts", expired, PASSWORD, channel).then().statusCode(403)
                .body("message", equalTo("account expired"));
        String disabled = user(1, null, false, Set.of());
        given().get("/{u}/{p}/{id}", disabled, PASSWORD, channel).then().statusCode(403)
                .body("message", equalTo("account disabled"));
        given().get("/live/{u}/{p}/999999", user, PASSWORD).then().statusCode(404).body("code", equalTo("channel_not_found"));
        given().get("/live/{u}/{p}/{id}.ts", restricted, PASSWORD, hidden).then().statusCode(404);
        given().get("/live/{u}/wrong-pw/{id}.m3u8", user, channel).then().statusCode(401);
        given().redirects().follow(false).get("/live/{u}/{p}/{id}.m3u8", restricted, PASSWORD, hidden).then()
                .statusCode(404).body("code", equalTo("channel_not_found"));
        given().redirects().follow(false).get("/live/{u}/{p}/{id}.m3u8", user, PASSWORD, aceOnly).then()
                .statusCode(503);
        given().get("/live/{u}/{p}/{id}.ts", user, PASSWORD, aceOnly).then().statusCode(503)
                .body("code", equalTo("no_playable_source"));
        given().head("/live/{u}/{p}/{id}.ts", user, PASSWORD, channel).then().statusCode(200)
                .contentType("video/mp2t");
        assertThat(upstream.requests("/live/a")).isEqualTo(before);
    }

    @Test
    void allUrlFormsStreamTsStartingWithPat() {
        for (String path : List.of("/live/%s/%s/%d.ts", "/live/%s/%s/%d", "/%s/%s/%d.ts", "/%s/%s/%d")) {
            HttpResponse<InputStream> stream = ProxyHarness.play(url(""), path.formatted(restricted, PASSWORD, channel));
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.headers().firstValue("content-type")).hasValue("video/mp2t");
            assertThat(ProxyHarness.firstPidAfterKeepalive(stream, 1000)).as(path).isEqualTo(TsPacket.PAT_PID);
            ProxyHarness.closeStream(stream);
        }
    }

    @Test
    void credentialsNeverBecomeMetricLabels() {
        given().get("/{u}/{p}/{id}.m3u8", user, "metrics-secret", channel).then().statusCode(404);
        given().get("/{u}/{p}/{id}", user, "metrics-secret", 999999).then().statusCode(401);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).doesNotContain("metrics-secret").contains("polyplex_proxy_refusals_total");
    }

    @Test
    void theShortFormNeverShadowsOtherRoutes() {
        asAdmin().get("/api/users/1").then().statusCode(200).body("username", equalTo("admin"));
        given().get("/q/health/live/1").then().statusCode(404);
    }

    @Test
    void maxConnectionsRefusesWith403AndTheSameViewerReconnectingSharesItsSlot() {
        String single = user(1, null, true, Set.of());
        HttpResponse<InputStream> first = ProxyHarness.play(url(""), "/live/%s/%s/%d.ts".formatted(single, PASSWORD, channel));
        ProxyHarness.read(first, 188);
        // the Xtream account info reports the open viewer
        given().queryParam("username", single).queryParam("password", PASSWORD).get("/player_api.php")
                .then().statusCode(200).body("user_info.active_cons", equalTo("1"));
        given().get("/live/{u}/{p}/{id}.ts", single, PASSWORD, hidden).then().statusCode(403)
                .body("code", equalTo("max_connections"))
                .body("message", equalTo("maximum connections reached (1)"));

        HttpResponse<InputStream> again = ProxyHarness.play(url(""), "/live/%s/%s/%d.ts".formatted(single, PASSWORD, channel));
        assertThat(again.statusCode()).isEqualTo(200);
        ProxyHarness.read(again, 188);
        assertThat(ProxyHarness.read(first, 188 * 100)).as("the first connection is not ended").hasSize(188 * 100);
        given().queryParam("username", single).queryParam("password", PASSWORD).get("/player_api.php")
                .then().statusCode(200).body("user_info.active_cons", equalTo("1"));
        ProxyHarness.closeStream(first);
        ProxyHarness.closeStream(again);
    }

    @Test
    void sessionsApiListsViewersAndKicksThem() {
        String kicked = user(2, null, true, Set.of());
        HttpResponse<InputStream> stream = ProxyHarness.play(url(""), "/%s/%s/%d.ts".formatted(kicked, PASSWORD, channel));
        ProxyHarness.read(stream, 188 * 10);
        given().get("/api/sessions").then().statusCode(401);
        asAdmin().get("/api/sessions").then().statusCode(200)
                .body("sessions.channelId", hasItem((int) channel))
                .body("viewers.username", hasItem(kicked));
        var memory = asAdmin().get("/api/sessions").then().extract().jsonPath();
        assertThat(memory.getLong("memory.reservedBytes")).as("the session's ring and its viewer").isPositive()
                .isLessThanOrEqualTo(memory.getLong("memory.budgetBytes"));
        int viewerId = asAdmin().get("/api/sessions").then().extract().jsonPath()
                .getInt("viewers.find { it.username == '" + kicked + "' }.id");
        asAdmin().delete("/api/sessions/{id}", viewerId).then().statusCode(204);
        ProxyHarness.drain(stream);
        asAdmin().delete("/api/sessions/{id}", 987654321).then().statusCode(404);
    }
}
