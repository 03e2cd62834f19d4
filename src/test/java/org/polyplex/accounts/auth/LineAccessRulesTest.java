package org.polyplex.accounts.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.createChannel;
import static org.polyplex.testsupport.AdminApi.unique;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.polyplex.accounts.User;
import org.polyplex.testsupport.FromAddress;
import org.polyplex.testsupport.LogCapture;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import io.vertx.core.Vertx;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;

/**
 * Line access rules over real HTTP against the real database: formats on the stream routes,
 * addresses (each test client leaves from its own loopback address), user agents, the lock to
 * the first address with its reset, and bad input naming its field.
 */
@QuarkusTest
class LineAccessRulesTest {

    private static final String PASSWORD = "rules-pw";
    private static Vertx vertx;
    private static long channel;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    private static long channel() {
        if (channel == 0) {
            // HEAD answers before any upstream is touched: the source only has to be playable in kind
            channel = createChannel("rules", "http://127.0.0.1:9/never-fetched.ts");
        }
        return channel;
    }

    private static Map<String, Object> line(String name, Map<String, Object> access) {
        var body = new HashMap<String, Object>(Map.of("username", name, "password", PASSWORD, "maxConnections", 2));
        body.put("access", access);
        return body;
    }

    private static long createLine(String name, Map<String, Object> access) {
        return asAdmin().body(line(name, access)).post("/api/users").then().statusCode(201).extract().jsonPath()
                .getLong("id");
    }

    private static FromAddress.Reply get(String address, String uri, Map<String, String> headers) {
        try (FromAddress from = new FromAddress(vertx, address, RestAssured.port)) {
            return from.get(uri, headers);
        }
    }

    private static FromAddress.Reply head(String address, String uri) {
        try (FromAddress from = new FromAddress(vertx, address, RestAssured.port)) {
            return from.head(uri);
        }
    }

    @Test
    void shouldRefuseTsWhenTheLineIsLimitedToM3u8() {
        String name = unique("hlsonly");
        createLine(name, Map.of("formats", List.of("m3u8")));
        given().get("/live/{u}/{p}/{id}.ts", name, PASSWORD, channel()).then().statusCode(403)
                .body("code", equalTo("format_not_allowed"))
                .body("message", equalTo("this line may not play ts streams"));
        given().get("/{u}/{p}/{id}", name, PASSWORD, channel()).then().statusCode(403)
                .body("code", equalTo("format_not_allowed"));
        given().head("/live/{u}/{p}/{id}.m3u8", name, PASSWORD, channel()).then().statusCode(200);
        // formats are for the stream endpoints only: the line still lists and reads its guide
        given().queryParam("username", name).queryParam("password", PASSWORD).get("/player_api.php").then()
                .statusCode(200).body("user_info.auth", equalTo(1))
                .body("user_info.allowed_output_formats", contains("m3u8"));
        given().queryParam("username", name).queryParam("password", PASSWORD).queryParam("type", "m3u_plus")
                .get("/get.php").then().statusCode(200);
    }

    @Test
    void shouldAllowOnlyTheListedAddressesOnEveryEndpoint() {
        String inside = FromAddress.fresh();
        String outside = FromAddress.fresh();
        String name = unique("cidr");
        long id = createLine(name, Map.of("addresses", List.of(inside + "/32", "2001:db8::/32")));
        asAdmin().get("/api/users/{id}", id).then().body("access.lastRefusal", nullValue());
        String q = "?username=" + name + "&password=" + PASSWORD;
        assertThat(head(inside, "/live/" + name + "/" + PASSWORD + "/" + channel() + ".ts").status()).isEqualTo(200);
        assertThat(get(inside, "/player_api.php" + q, Map.of()).status()).isEqualTo(200);

        FromAddress.Reply stream = get(outside, "/live/" + name + "/" + PASSWORD + "/" + channel() + ".ts", Map.of());
        assertThat(stream.status()).isEqualTo(403);
        assertThat(stream.body()).contains("\"code\":\"address_not_allowed\"").contains(outside)
                .doesNotContain(PASSWORD);
        assertThat(get(outside, "/live/" + name + "/" + PASSWORD + "/" + channel() + ".m3u8", Map.of()).status())
                .isEqualTo(403);
        FromAddress.Reply api = get(outside, "/player_api.php" + q, Map.of());
        assertThat(api.status()).isEqualTo(403);
        assertThat(api.body()).contains("address_not_allowed");
        assertThat(get(outside, "/player_api.php" + q + "&action=get_live_streams", Map.of()).status()).isEqualTo(403);
        assertThat(get(outside, "/get.php" + q + "&type=m3u_plus", Map.of()).body()).startsWith("address_not_allowed");
        assertThat(get(outside, "/get.php" + q + "&type=m3u_plus", Map.of()).status()).isEqualTo(403);
        assertThat(get(outside, "/xmltv.php" + q, Map.of()).status()).isEqualTo(403);
        // the HDHomeRun tuner pages are line endpoints too
        String tuner = "/hdhr/" + name + "/" + PASSWORD;
        assertThat(get(inside, tuner + "/discover.json", Map.of()).status()).isEqualTo(200);
        FromAddress.Reply discover = get(outside, tuner + "/discover.json", Map.of());
        assertThat(discover.status()).isEqualTo(403);
        assertThat(discover.body()).startsWith("address_not_allowed").doesNotContain(PASSWORD);
        assertThat(get(outside, tuner + "/lineup.json", Map.of()).status()).isEqualTo(403);
        asAdmin().get("/api/users/{id}", id).then().body("access.lastRefusal.code", equalTo("address_not_allowed"))
                .body("access.lastRefusal.address", equalTo(outside))
                .body("access.lastRefusal.at", notNullValue());
        // movies and episodes: refused before the entry is even looked up (an unknown one is a 404 otherwise)
        FromAddress.Reply movie = get(outside, "/movie/" + name + "/" + PASSWORD + "/987654.mp4", Map.of());
        assertThat(movie.status()).isEqualTo(403);
        assertThat(movie.body()).startsWith("address_not_allowed");
        assertThat(get(inside, "/movie/" + name + "/" + PASSWORD + "/987654.mp4", Map.of()).status()).isEqualTo(404);
        assertThat(get(outside, "/series/" + name + "/" + PASSWORD + "/987654.mkv", Map.of()).status()).isEqualTo(403);
        // 127.0.0.1 is outside the rule too (no forwarded header is believed without a trusted proxy)
        given().header("X-Forwarded-For", inside).get("/live/{u}/{p}/{id}.ts", name, PASSWORD, channel()).then()
                .statusCode(403).body("code", equalTo("address_not_allowed"));
    }

    @Test
    void shouldRefuseOtherUserAgentsAndLogWhyWithoutThePassword() {
        String name = unique("agent");
        createLine(name, Map.of("userAgents", List.of("TiviMate", "VLC/3")));
        String stream = "/live/" + name + "/" + PASSWORD + "/" + channel() + ".ts";
        given().header("User-Agent", "TiviMate/4.7.0 (Android 11)").head(stream).then().statusCode(200);
        given().header("User-Agent", "vlc/3.0.18 LibVLC/3.0.18").head(stream).then().statusCode(200);
        try (LogCapture logs = LogCapture.start()) {
            given().header("User-Agent", "Kodi/20.2").get(stream).then().statusCode(403)
                    .body("code", equalTo("user_agent_not_allowed"));
            assertThat(logs.text()).contains("line refused").contains("username=" + name)
                    .contains("user_agent_not_allowed").contains("Kodi/20.2").doesNotContain(PASSWORD);
        }
        given().header("User-Agent", "Kodi/20.2").queryParam("username", name).queryParam("password", PASSWORD)
                .get("/xmltv.php").then().statusCode(403).body(containsString("user_agent_not_allowed"));
        assertThat(get(FromAddress.fresh(), "/get.php?username=" + name + "&password=" + PASSWORD, Map.of()).status())
                .as("no user agent at all").isEqualTo(403);
    }

    @Test
    void shouldLockALineToItsFirstAddressUntilReset() {
        String first = FromAddress.fresh();
        String second = FromAddress.fresh();
        String name = unique("first");
        long id = createLine(name, Map.of("lockToFirstAddress", true));
        asAdmin().get("/api/users/{id}", id).then().body("access.lockToFirstAddress", equalTo(true))
                .body("access.firstAddress", nullValue());
        String stream = "/live/" + name + "/" + PASSWORD + "/" + channel() + ".ts";
        assertThat(head(first, stream).status()).isEqualTo(200);
        FromAddress.Reply refused = get(second, stream, Map.of());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("first_address_only");
        assertThat(get(second, "/player_api.php?username=" + name + "&password=" + PASSWORD, Map.of()).status())
                .isEqualTo(403);
        assertThat(head(first, stream).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> asAdmin().get("/api/users/{id}", id).then()
                .body("access.firstAddress", equalTo(first)));

        asAdmin().delete("/api/users/{id}/first-address", id).then().statusCode(200)
                .body("access.firstAddress", nullValue());
        assertThat(head(second, stream).status()).as("the next address is recorded").isEqualTo(200);
        assertThat(head(first, stream).status()).isEqualTo(403);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> asAdmin().get("/api/users/{id}", id).then()
                .body("access.firstAddress", equalTo(second)));
        asAdmin().delete("/api/users/{id}/first-address", 987654321L).then().statusCode(404);
    }

    @Test
    void shouldShowTheRulesAndKeepThemWhenAnUpdateLeavesThemOut() {
        String name = unique("show");
        long id = createLine(name, Map.of("formats", List.of("TS", "m3u8"), "addresses", List.of("10.1.2.3/8",
                "fd00::1/8", "127.0.0.0/8"), "userAgents", List.of(" TiviMate "), "countryLock", "it", "ispLock",
                "Example ISP"));
        asAdmin().get("/api/users/{id}", id).then().statusCode(200)
                .body("access.formats", contains("ts", "m3u8"))
                .body("access.addresses", contains("10.0.0.0/8", "fd00::/8", "127.0.0.0/8"))
                .body("access.userAgents", contains("tivimate"))
                .body("access.countryLock", equalTo("IT"))
                .body("access.ispLock", equalTo("Example ISP"))
                .body("access.geoLockEnforced", equalTo(false));
        // the country lock is stored, not enforced: the line still plays
        given().header("User-Agent", "TiviMate/4.7").head("/live/{u}/{p}/{id}.ts", name, PASSWORD, channel()).then()
                .statusCode(200);
        asAdmin().body(Map.of("username", name, "maxConnections", 3)).put("/api/users/{id}", id).then()
                .statusCode(200).body("access.addresses", contains("10.0.0.0/8", "fd00::/8", "127.0.0.0/8"));
        asAdmin().body(line(name, Map.of())).put("/api/users/{id}", id).then().statusCode(200)
                .body("access.addresses", equalTo(List.of())).body("access.formats", equalTo(List.of()));
    }

    @Test
    void shouldRefuseOnlyTheLineWhoseStoredRulesWereBrokenByHand() {
        String broken = unique("broken");
        long id = createLine(broken, Map.of("addresses", List.of("127.0.0.0/8")));
        QuarkusTransaction.requiringNew().run(() -> User.update("allowedAddresses = ?1 where id = ?2", "not-an-ip", id));
        String other = unique("intact");
        createLine(other, Map.of()); // any account write rebuilds the snapshot
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/live/{u}/{p}/{id}.ts", broken, PASSWORD, channel()).then().statusCode(403)
                .body("code", equalTo("account_disabled")));
        given().head("/live/{u}/{p}/{id}.ts", other, PASSWORD, channel()).then().statusCode(200);
        asAdmin().get("/api/users/{id}", id).then().statusCode(200).body("access.addresses", contains("not-an-ip"));
    }

    @Test
    void shouldRefuseBadRulesWith400NamingTheField() {
        String name = unique("bad");
        record Case(Map<String, Object> access, String field, String message) {
        }
        for (Case bad : List.of(
                new Case(Map.of("addresses", List.of("10.0.0.300/8")), "access.addresses", "10.0.0.300/8"),
                new Case(Map.of("addresses", List.of("10.0.0.0/33")), "access.addresses", "prefix length"),
                new Case(Map.of("addresses", List.of("example.com")), "access.addresses", "example.com"),
                new Case(Map.of("formats", List.of("mp4")), "access.formats", "'mp4' is not a format"),
                new Case(Map.of("userAgents", List.of("a\nb")), "access.userAgents", "printable"),
                new Case(Map.of("countryLock", "ITA"), "access.countryLock", "two-letter"))) {
            asAdmin().body(line(name, bad.access())).post("/api/users").then().statusCode(400)
                    .body("code", equalTo("validation_failed"))
                    .body("message", containsString(bad.field()))
                    .body("message", containsString(bad.message()));
        }
        asAdmin().get("/api/users?q=" + name).then().body("size()", equalTo(0));
    }
}
