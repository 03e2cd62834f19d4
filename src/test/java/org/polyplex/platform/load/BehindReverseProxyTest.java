package org.polyplex.platform.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.createChannel;
import static org.polyplex.testsupport.AdminApi.unique;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.polyplex.proxy.ProxyHarness;
import org.polyplex.testsupport.FromAddress;
import org.polyplex.testsupport.FromAddress.Reply;
import org.polyplex.testsupport.ProductionGuards;
import org.polyplex.testsupport.TsFixtures;
import org.polyplex.testsupport.TsServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.vertx.core.Vertx;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;

/**
 * Behind a reverse proxy on 127.0.0.1 ({@code polyplex.http.trusted-proxies}): the line and admin
 * login throttles and the per-address request share key on the client that the proxy names in
 * {@code X-Forwarded-For}, and so do the stream connection slots (two homes behind the proxy are
 * two households); from any other peer the header is ignored and the peer is the client.
 */
@QuarkusTest
@TestProfile(BehindReverseProxyTest.Profile.class)
class BehindReverseProxyTest {

    /** Throttles on, a proxy on 127.0.0.1, one open Xtream request per client address. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(new ProductionGuards().getConfigOverrides());
            overrides.put("polyplex.http.trusted-proxies", "127.0.0.1");
            overrides.put("polyplex.load.per-address", "1");
            // one builder turn, which the test takes to hold a large answer open
            overrides.put("polyplex.load.heavy.builders", "1");
            return overrides;
        }
    }

    private static final String PROXY = "127.0.0.1";
    private static final String PASSWORD = "proxy-pass-1";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    Vertx vertx;

    @Inject
    RequestLimits limits;

    private String user;

    @BeforeEach
    void line() {
        user = unique("proxied");
        create("/api/users", Map.of("username", user, "password", PASSWORD));
    }

    @Test
    void shouldThrottleTheForwardedClientAndNotTheProxy() {
        // fresh addresses each run: a bad-login window left by an earlier test of the same
        // application must not throttle this client before its first bad login
        int host = 10 + ThreadLocalRandom.current().nextInt(120) * 2;
        String client = "192.0.2." + host;
        for (int i = 0; i < ProductionGuards.MAX_FAILURES; i++) {
            assertThat(playlist(PROXY, client, "wrong-" + i).status()).as("bad login %d", i).isEqualTo(401);
        }
        assertThat(playlist(PROXY, client, PASSWORD).status()).isEqualTo(429);
        assertThat(playlist(PROXY, "192.0.2." + (host + 1), PASSWORD).status()).as("another client of the proxy")
                .isEqualTo(200);
        assertThat(playlist(PROXY, null, PASSWORD).status()).as("the proxy itself").isEqualTo(200);
    }

    @Test
    void shouldThrottleAnUntrustedPeerWhateverItForwards() {
        String attacker = FromAddress.fresh();
        for (int i = 0; i < ProductionGuards.MAX_FAILURES; i++) {
            assertThat(playlist(attacker, "203.0.113." + (10 + i), "wrong-" + i).status()).isEqualTo(401);
        }
        assertThat(playlist(attacker, "203.0.113.99", PASSWORD).status()).isEqualTo(429);
        assertThat(playlist(PROXY, "203.0.113.99", PASSWORD).status()).as("the forged client is innocent")
                .isEqualTo(200);
    }

    @Test
    void shouldThrottleAdminLoginsByTheForwardedClient() {
        String client = "198.51.100.30";
        String account = unique("nobody");
        for (int i = 0; i < ProductionGuards.MAX_FAILURES; i++) {
            assertThat(token(PROXY, client, account, "wrong-" + i).status()).isEqualTo(401);
        }
        assertThat(token(PROXY, client, account, "wrong-last").status()).isEqualTo(429);
        assertThat(token(PROXY, "198.51.100.31", account, "wrong-again").status()).isEqualTo(401);
    }

    @Test
    void shouldHoldTheForwardedClientToItsShareOfOpenRequests() throws Exception {
        createChannel("proxied", "http://upstream.example/proxied.ts");
        String client = "198.51.100.20";
        limits.builders().acquire();
        CompletableFuture<HttpResponse<String>> held;
        try {
            held = HTTP.sendAsync(HttpRequest.newBuilder(URI.create(base() + api("get_live_streams")))
                    .header("X-Forwarded-For", client).build(), HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(10)).until(() -> limits.open("a:" + client) == 1);

            assertThat(get(PROXY, client, api("get_live_categories")).status()).as("same client").isEqualTo(429);
            assertThat(get(PROXY, "198.51.100.21", api("get_live_categories")).status()).as("another client")
                    .isEqualTo(200);
            assertThat(get(FromAddress.fresh(), client, api("get_live_categories")).status())
                    .as("an untrusted peer naming the same client is its own client").isEqualTo(200);
        } finally {
            limits.builders().release();
        }
        assertThat(held.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldCountTwoHomesBehindTheProxyAsTwoHouseholds() {
        TsServer upstream = new TsServer(vertx, 1_000_000).stream("a", TsFixtures.read(TsFixtures.h264(6, 600)))
                .start();
        try {
            long channel = createChannel("proxied-live", upstream.url("/live/a"));
            String single = unique("household");
            create("/api/users", Map.of("username", single, "password", PASSWORD, "maxConnections", 1));
            String path = "/live/%s/%s/%d.ts".formatted(single, PASSWORD, channel);
            HttpResponse<InputStream> home = ProxyHarness.play(base(), path, Map.of("X-Forwarded-For", "198.51.100.40"));
            assertThat(home.statusCode()).isEqualTo(200);
            ProxyHarness.read(home, 188);
            HttpResponse<InputStream> sameHome = ProxyHarness.play(base(), path,
                    Map.of("X-Forwarded-For", "198.51.100.40"));
            assertThat(sameHome.statusCode()).as("a second TV of the same home shares its slot").isEqualTo(200);
            ProxyHarness.read(sameHome, 188);
            HttpResponse<InputStream> otherHome = ProxyHarness.play(base(), path,
                    Map.of("X-Forwarded-For", "198.51.100.41"));
            assertThat(otherHome.statusCode()).as("another home behind the same proxy needs a slot of its own")
                    .isEqualTo(403);
            assertThat(new String(ProxyHarness.read(otherHome, 4096), StandardCharsets.UTF_8))
                    .contains("max_connections");
            ProxyHarness.closeStream(home);
            ProxyHarness.closeStream(sameHome);
        } finally {
            upstream.close();
        }
    }

    private Reply playlist(String peer, String forwardedFor, String password) {
        return get(peer, forwardedFor, "/get.php?type=m3u&username=" + user + "&password=" + password);
    }

    private Reply get(String peer, String forwardedFor, String uri) {
        try (FromAddress from = new FromAddress(vertx, peer, RestAssured.port)) {
            return from.get(uri, forwardedFor == null ? Map.of() : Map.of("X-Forwarded-For", forwardedFor));
        }
    }

    private Reply token(String peer, String forwardedFor, String username, String password) {
        try (FromAddress from = new FromAddress(vertx, peer, RestAssured.port)) {
            return from.postJson("/api/auth/token", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}",
                    Map.of("X-Forwarded-For", forwardedFor));
        }
    }

    private String api(String action) {
        return "/player_api.php?action=" + action + "&username=" + user + "&password=" + PASSWORD;
    }

    private static String base() {
        return "http://127.0.0.1:" + RestAssured.port;
    }
}
