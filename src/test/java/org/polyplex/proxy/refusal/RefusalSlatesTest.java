package org.polyplex.proxy.refusal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.createChannel;
import static org.polyplex.testsupport.AdminApi.unique;

import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.polyplex.proxy.ProxyHarness;
import org.polyplex.testsupport.TsFixtures;
import org.polyplex.testsupport.TsServer;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.vertx.core.Vertx;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Refusal slates on the TS stream route, over real HTTP: the connection-limit slate is the
 * built-in one, the account-expired slate a custom file, the channel-offline slate is off. Each
 * answer a player gets is checked with the real ffprobe.
 */
@QuarkusTest
@Tag("media")
@TestProfile(RefusalSlatesTest.Profile.class)
class RefusalSlatesTest {

    private static final String PASSWORD = "slate-pw";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "polyplex.proxy.refusal-slates.connection-limit.enabled", "true",
                    "polyplex.proxy.refusal-slates.account-expired.enabled", "true",
                    "polyplex.proxy.refusal-slates.account-expired.file", custom().toString(),
                    "polyplex.proxy.refusal-slates.channel-offline.enabled", "false");
        }
    }

    private static Vertx vertx;

    @TestHTTPResource("/")
    URL base;

    static Path custom() {
        return TsFixtures.h264(2, 200).toAbsolutePath();
    }

    @AfterAll
    static void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }

    private static String line(int maxConnections, Instant expiresAt) {
        String name = unique("slate");
        var body = new HashMap<String, Object>(Map.of("username", name, "password", PASSWORD, "maxConnections",
                maxConnections));
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt.toString());
        }
        create("/api/users", body);
        return name;
    }

    @Test
    void shouldAnswerTheConnectionLimitWithTheBuiltInSlate() throws Exception {
        vertx = Vertx.vertx();
        TsServer upstream = new TsServer(vertx, 2_000_000).stream("a", TsFixtures.read(TsFixtures.h264(6, 600)))
                .start();
        long first = createChannel("slate", upstream.url("/live/a"));
        long second = createChannel("slate", upstream.url("/live/a"));
        String name = line(1, null);
        String root = base.toString().replaceAll("/$", "");
        HttpResponse<InputStream> playing = ProxyHarness.play(root, "/live/%s/%s/%d.ts".formatted(name, PASSWORD, first));
        ProxyHarness.read(playing, 188);

        var refused = given().get("/live/{u}/{p}/{id}.ts", name, PASSWORD, second).then().statusCode(200)
                .header("X-Polyplex-Refusal", "max_connections").contentType("video/mp2t").extract();
        byte[] body = refused.asByteArray();
        assertThat(body).isEqualTo(builtIn(SlateReason.CONNECTION_LIMIT));
        assertThat(SlateProbe.probe(body)).contains("h264").contains("aac");
        // the HLS form and HEAD keep the plain refusal: an HLS player is redirected, never sent TS
        given().redirects().follow(false).get("/live/{u}/{p}/{id}.m3u8", name, PASSWORD, second).then()
                .statusCode(403).body("code", equalTo("max_connections"));
        ProxyHarness.closeStream(playing);
    }

    @Test
    void shouldAnswerAnExpiredLineWithTheCustomFile() throws Exception {
        long channel = createChannel("slate", "http://127.0.0.1:9/never-fetched.ts");
        String expired = line(1, Instant.now().minusSeconds(60));
        byte[] body = given().get("/{u}/{p}/{id}", expired, PASSWORD, channel).then().statusCode(200)
                .header("X-Polyplex-Refusal", "account_expired").extract().asByteArray();
        assertThat(body).isEqualTo(Files.readAllBytes(custom()));
        assertThat(SlateProbe.probe(body)).contains("h264");
        given().get("/live/{u}/{p}/{id}.m3u8", expired, PASSWORD, channel).then().statusCode(403)
                .body("code", equalTo("account_expired"));
    }

    @Test
    void shouldKeepThePlainRefusalWhenTheReasonIsOff() {
        long aceOnly = createChannel("slate", "acestream://0123456789abcdef0123456789abcdef01234567");
        given().get("/live/{u}/{p}/{id}.ts", line(1, null), PASSWORD, aceOnly).then().statusCode(503)
                .contentType("application/json").body("code", equalTo("no_playable_source"));
    }

    private static byte[] builtIn(SlateReason reason) throws Exception {
        try (InputStream in = RefusalSlatesTest.class.getClassLoader().getResourceAsStream(reason.resource())) {
            return in.readAllBytes();
        }
    }
}
