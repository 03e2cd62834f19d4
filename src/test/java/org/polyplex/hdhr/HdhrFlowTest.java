package org.polyplex.hdhr;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.unique;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.polyplex.hdhr.ssdp.SsdpResponder;
import org.polyplex.hdhr.ssdp.UdpDiscoveryResponder;
import org.polyplex.proxy.ProxyHarness;
import org.polyplex.proxy.ts.TsPacket;
import org.polyplex.testsupport.TsFixtures;
import org.polyplex.testsupport.TsServer;

import io.quarkus.test.junit.QuarkusTest;

import io.vertx.core.Vertx;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Replays what Jellyfin (and Emby, whose tuner code it shares) does when a tuner is added by URL,
 * against the running application: {@code GET <url>/discover.json} (it must answer 2xx, its
 * {@code DeviceID} becomes the tuner's id), then {@code GET LineupURL}, read as an array of
 * channels, then {@code GET URL} of a channel, read as MPEG-TS until the first bytes. Plex's
 * steps ({@code lineup_status.json}, {@code lineup.post}, {@code device.xml}) follow. Every field
 * is checked with the JSON type the clients' models give it.
 */
@QuarkusTest
class HdhrFlowTest {

    private static final String PASSWORD = "tuner~pass";

    private static Vertx vertx;
    private static TsServer upstream;
    private static String user;
    private static long numbered;
    private static long unnumbered;
    private static long hidden;

    @Inject
    SsdpResponder ssdp;

    @Inject
    UdpDiscoveryResponder udp;

    @BeforeEach
    void fixtures() {
        if (upstream != null) {
            return;
        }
        vertx = Vertx.vertx();
        upstream = new TsServer(vertx, 4_000_000).stream("h", TsFixtures.read(TsFixtures.h264(6, 600))).start();
        String tag = unique("hdhr");
        long category = create("/api/categories", Map.of("name", "Tuner " + tag, "kind", "live"));
        int number = 100 + (int) (System.nanoTime() % 800_000);
        numbered = create("/api/channels", Map.of("name", "Numbered & Co " + tag, "number", number, "categoryId",
                category, "sources", List.of(Map.of("url", upstream.url("/live/h")))));
        unnumbered = create("/api/channels", Map.of("name", "Unnumbered " + tag, "categoryId", category,
                "sources", List.of(Map.of("url", upstream.url("/live/h")))));
        hidden = create("/api/channels", Map.of("name", "Hidden " + tag,
                "sources", List.of(Map.of("url", upstream.url("/live/h")))));
        long bouquet = create("/api/bouquets", Map.of("name", "B " + tag, "categoryIds", List.of(category),
                "channelIds", List.of()));
        user = line(3, null, true, Set.of(bouquet));
    }

    @AfterAll
    static void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }

    private static String line(int maxConnections, Instant expiresAt, boolean enabled, Set<Long> bouquets) {
        String name = unique("tuner");
        var body = new HashMap<String, Object>(Map.of("username", name, "password", PASSWORD,
                "maxConnections", maxConnections, "enabled", enabled, "bouquetIds", bouquets));
        body.put("expiresAt", expiresAt == null ? null : expiresAt.toString());
        create("/api/users", body);
        return name;
    }

    /** What a user types into Jellyfin's "Tuner IP address" or Plex's "network address". */
    private static String tunerUrl(String username, String password) {
        return "http://localhost:" + RestAssured.port + "/hdhr/" + username + "/" + password;
    }

    @Test
    void shouldAnswerTheRecordedJellyfinFlowFromDiscoverToTheFirstStreamBytes() {
        // 1. Validate(): GET {url}/discover.json, EnsureSuccessStatusCode, read DiscoverResponse
        Response discover = given().get(tunerUrl(user, PASSWORD) + "/discover.json");
        discover.then().statusCode(200).contentType("application/json").header("Cache-Control", "no-store");
        JsonPath device = discover.jsonPath();
        Map<String, Object> fields = device.getMap("$");
        assertThat(fields).containsOnlyKeys("FriendlyName", "Manufacturer", "ModelNumber", "FirmwareName",
                "FirmwareVersion", "DeviceID", "DeviceAuth", "BaseURL", "LineupURL", "TunerCount");
        assertThat(fields.get("TunerCount")).as("a JSON number: Jellyfin's int TunerCount").isEqualTo(3);
        for (String text : List.of("FriendlyName", "Manufacturer", "ModelNumber", "FirmwareName", "FirmwareVersion",
                "DeviceID", "DeviceAuth", "BaseURL", "LineupURL")) {
            assertThat(fields.get(text)).as(text).isInstanceOf(String.class);
        }
        String deviceId = device.getString("DeviceID");
        assertThat(DeviceIdentity.valid(deviceId)).as("Plex checks the DeviceID's check digit").isTrue();
        assertThat(deviceId + device.getString("DeviceAuth")).doesNotContain(PASSWORD).doesNotContain("tuner~");
        assertThat(device.getString("ModelNumber")).doesNotContainIgnoringCase("hdtc");
        assertThat(device.getString("FriendlyName")).contains(user);
        assertThat(device.getString("BaseURL")).isEqualTo(tunerUrl(user, PASSWORD));
        assertThat(device.getString("LineupURL")).isEqualTo(tunerUrl(user, PASSWORD) + "/lineup.json");
        assertThat(given().get(tunerUrl(user, PASSWORD) + "/discover.json").jsonPath().getString("DeviceID"))
                .as("stable").isEqualTo(deviceId);

        // 2. GetLineup(): GET LineupURL ?? BaseURL + "/lineup.json", read IEnumerable<Channels>
        Response lineup = given().get(device.getString("LineupURL"));
        lineup.then().statusCode(200).contentType("application/json");
        List<Map<String, Object>> channels = lineup.jsonPath().getList("$");
        assertThat(channels).hasSize(2);
        for (Map<String, Object> channel : channels) {
            assertThat(channel).containsOnlyKeys("GuideNumber", "GuideName", "URL");
            assertThat(channel.get("GuideNumber")).as("a string, as on devices (\"5.1\")").isInstanceOf(String.class);
            assertThat((String) channel.get("GuideNumber")).doesNotContain("_");
            assertThat((String) channel.get("URL")).doesNotStartWithIgnoringCase("hdhomerun");
        }
        assertThat(channels).extracting(c -> c.get("URL")).doesNotContain(streamUrl(hidden));
        assertThat(channels.get(0).get("URL")).isEqualTo(streamUrl(numbered));
        assertThat(channels.get(1).get("URL")).isEqualTo(streamUrl(unnumbered));

        // 3. GetChannelStream() -> SharedHttpStream.Open(): GET URL, headers read, then bytes copied
        HttpResponse<InputStream> stream = ProxyHarness.play("", (String) channels.get(0).get("URL"));
        try {
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.headers().firstValue("content-type")).hasValue("video/mp2t");
            assertThat(ProxyHarness.firstPidAfterKeepalive(stream, 1000)).isEqualTo(TsPacket.PAT_PID);
        } finally {
            ProxyHarness.closeStream(stream);
        }
    }

    @Test
    void shouldNumberAndNameTheLineupAsGetLiveStreamsDoes() {
        List<Map<String, Object>> lineup = given().get(tunerUrl(user, PASSWORD) + "/lineup.json").then()
                .statusCode(200).extract().jsonPath().getList("$");
        List<Map<String, Object>> streams = given().queryParam("username", user).queryParam("password", PASSWORD)
                .queryParam("action", "get_live_streams").get("/player_api.php").then().statusCode(200).extract()
                .jsonPath().getList("$");

        assertThat(lineup).extracting(c -> c.get("GuideNumber"))
                .containsExactlyElementsOf(streams.stream().map(s -> String.valueOf(s.get("num"))).toList());
        assertThat(lineup).extracting(c -> c.get("GuideName"))
                .containsExactlyElementsOf(streams.stream().map(s -> s.get("name")).toList());
        assertThat(lineup).extracting(c -> c.get("URL")).containsExactlyElementsOf(
                streams.stream().map(s -> streamUrl(((Number) s.get("stream_id")).longValue())).toList());
    }

    @Test
    void shouldAnswerPlexsScanStepsAndTheUpnpDescription() {
        given().get(tunerUrl(user, PASSWORD) + "/lineup_status.json").then().statusCode(200)
                .contentType("application/json")
                .body("ScanInProgress", equalTo(0)).body("ScanPossible", equalTo(1))
                .body("Source", equalTo("Cable")).body("SourceList", equalTo(List.of("Cable")));
        given().post(tunerUrl(user, PASSWORD) + "/lineup.post?scan=start&source=Cable").then().statusCode(200);

        String deviceId = given().get(tunerUrl(user, PASSWORD) + "/discover.json").jsonPath().getString("DeviceID");
        var xml = given().get(tunerUrl(user, PASSWORD) + "/device.xml").then().statusCode(200)
                .contentType("application/xml").extract().xmlPath();
        assertThat(xml.getString("root.device.deviceType")).isEqualTo("urn:schemas-upnp-org:device:MediaServer:1");
        assertThat(xml.getString("root.device.serialNumber")).isEqualTo(deviceId);
        assertThat(xml.getString("root.URLBase")).isEqualTo(tunerUrl(user, PASSWORD));
        assertThat(xml.getString("root.device.UDN")).startsWith("uuid:");
    }

    @Test
    void shouldRefuseBadLinesAsTheOtherLineEndpointsDo() {
        for (String page : List.of("discover.json", "lineup.json", "lineup_status.json", "device.xml")) {
            given().get(tunerUrl(user, "wrong") + "/" + page).then().statusCode(401)
                    .body(equalTo("invalid username or password\n"));
            given().get(tunerUrl("nobody-" + user, PASSWORD) + "/" + page).then().statusCode(401);
        }
        String expired = line(2, Instant.now().minusSeconds(60), true, Set.of());
        String disabled = line(2, null, false, Set.of());
        for (String page : List.of("discover.json", "lineup.json", "lineup_status.json", "device.xml")) {
            given().get(tunerUrl(expired, PASSWORD) + "/" + page).then().statusCode(403)
                    .body(equalTo("account expired\n"));
            given().get(tunerUrl(disabled, PASSWORD) + "/" + page).then().statusCode(403)
                    .body(equalTo("account disabled\n"));
        }
        given().post(tunerUrl(user, "wrong") + "/lineup.post?scan=start").then().statusCode(401);
    }

    @Test
    void shouldGiveEachLineItsOwnDeviceAndSeeTheWholeCatalogWithoutBouquets() {
        String other = line(1, null, true, Set.of());
        JsonPath device = given().get(tunerUrl(other, PASSWORD) + "/discover.json").then().statusCode(200).extract()
                .jsonPath();
        assertThat(device.getInt("TunerCount")).isEqualTo(1);
        assertThat(device.getString("DeviceID"))
                .isNotEqualTo(given().get(tunerUrl(user, PASSWORD) + "/discover.json").jsonPath().getString("DeviceID"));
        List<String> urls = given().get(tunerUrl(other, PASSWORD) + "/lineup.json").then().statusCode(200).extract()
                .jsonPath().getList("URL", String.class);
        assertThat(urls).contains(streamUrl(hidden).replace(user, other));
    }

    @Test
    void shouldLeaveSsdpAndUdpDiscoveryOffByDefault() {
        assertThat(ssdp.port()).isEmpty();
        assertThat(ssdp.answered()).isZero();
        assertThat(udp.port()).isEmpty();
        assertThat(udp.answered() + udp.ignored() + udp.malformed()).isZero();
    }

    private static String streamUrl(long channel) {
        return "http://localhost:" + RestAssured.port + "/live/" + user + "/" + PASSWORD + "/" + channel
                + ".ts";
    }
}
