package org.polyplex.hdhr;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.unique;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

/**
 * The tuner of each bouquet a line holds, at {@code /hdhr/u/p/bouquet/{id}/}, over real HTTP: its
 * own valid and stable {@code DeviceID}, its name, the line's tuner count, only the bouquet's
 * channels with the numbers {@code get_live_streams} gives them; a 404 that tells nothing for a
 * bouquet the line does not hold, and the line's gate before anything else. The flow a client
 * runs (discover, lineup_status, lineup, then a stream URL) ends in MPEG-TS bytes through
 * {@code /live}.
 */
@QuarkusTest
class HdhrBouquetTest {

    private static final String PASSWORD = "bouquet~pass";

    private static Vertx vertx;
    private static TsServer upstream;
    private static String user;
    private static String tag;
    private static long sports;
    private static long news;
    private static long foreign;
    private static long football;
    private static long tennis;
    private static long headlines;
    private static long other;

    @BeforeEach
    void fixtures() {
        if (upstream != null) {
            return;
        }
        vertx = Vertx.vertx();
        upstream = new TsServer(vertx, 4_000_000).stream("b", TsFixtures.read(TsFixtures.h264(6, 600))).start();
        tag = unique("hb");
        long sport = create("/api/categories", Map.of("name", "Sport " + tag, "kind", "live"));
        long misc = create("/api/categories", Map.of("name", "Misc " + tag, "kind", "live"));
        int number = 100 + (int) (System.nanoTime() % 800_000);
        football = channel("Football " + tag, number, sport);
        tennis = channel("Tennis " + tag, null, sport);
        headlines = channel("Headlines " + tag, number + 1, misc);
        other = channel("Other " + tag, number + 2, misc);
        sports = create("/api/bouquets", Map.of("name", "Sports " + tag, "categoryIds", List.of(sport),
                "channelIds", List.of()));
        news = create("/api/bouquets", Map.of("name", "News " + tag, "categoryIds", List.of(),
                "channelIds", List.of(headlines)));
        foreign = create("/api/bouquets", Map.of("name", "Foreign " + tag, "categoryIds", List.of(),
                "channelIds", List.of(other)));
        user = line(4, null, Set.of(sports, news), null);
    }

    @AfterAll
    static void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }

    private static long channel(String name, Integer number, long category) {
        var body = new HashMap<String, Object>(Map.of("name", name, "categoryId", category, "sources",
                List.of(Map.of("url", upstream.url("/live/b")))));
        if (number != null) {
            body.put("number", number);
        }
        return create("/api/channels", body);
    }

    private static String line(int maxConnections, Instant expiresAt, Set<Long> bouquets, Map<String, Object> access) {
        String name = unique("bq");
        var body = new HashMap<String, Object>(Map.of("username", name, "password", PASSWORD,
                "maxConnections", maxConnections, "bouquetIds", bouquets));
        body.put("expiresAt", expiresAt == null ? null : expiresAt.toString());
        if (access != null) {
            body.put("access", access);
        }
        create("/api/users", body);
        return name;
    }

    private static String lineUrl(String username) {
        return "http://localhost:" + RestAssured.port + "/hdhr/" + username + "/" + PASSWORD;
    }

    private static String bouquetUrl(String username, Object bouquet) {
        return lineUrl(username) + "/bouquet/" + bouquet;
    }

    private static String streamUrl(long channel) {
        return "http://localhost:" + RestAssured.port + "/live/" + user + "/" + PASSWORD + "/" + channel + ".ts";
    }

    @Test
    void shouldRunAClientsFlowOnABouquetsTunerToTheFirstStreamBytes() {
        // discover.json: the device, as Jellyfin's and Plex's models read it
        JsonPath device = given().get(bouquetUrl(user, sports) + "/discover.json").then().statusCode(200)
                .contentType("application/json").header("Cache-Control", "no-store").extract().jsonPath();
        Map<String, Object> fields = device.getMap("$");
        assertThat(fields).containsOnlyKeys("FriendlyName", "Manufacturer", "ModelNumber", "FirmwareName",
                "FirmwareVersion", "DeviceID", "DeviceAuth", "BaseURL", "LineupURL", "TunerCount");
        assertThat(fields.get("TunerCount")).as("the line's maxConnections, a JSON number").isEqualTo(4);
        assertThat(device.getString("FriendlyName")).contains(user).contains("Sports " + tag);
        assertThat(device.getString("BaseURL")).isEqualTo(bouquetUrl(user, sports));
        assertThat(device.getString("LineupURL")).isEqualTo(bouquetUrl(user, sports) + "/lineup.json");
        String deviceId = device.getString("DeviceID");
        assertThat(DeviceIdentity.valid(deviceId)).as("Plex checks the check digit").isTrue();

        // Plex: lineup_status.json while "scanning", then lineup.post?scan=start
        given().get(device.getString("BaseURL") + "/lineup_status.json").then().statusCode(200)
                .contentType("application/json").body("ScanInProgress", equalTo(0))
                .body("SourceList", equalTo(List.of("Cable")));
        given().post(device.getString("BaseURL") + "/lineup.post?scan=start&source=Cable").then().statusCode(200)
                .header("Cache-Control", "no-store");

        // lineup.json: the bouquet's channels only
        List<Map<String, Object>> lineup = given().get(device.getString("LineupURL")).then().statusCode(200)
                .contentType("application/json").extract().jsonPath().getList("$");
        assertThat(lineup).extracting(c -> c.get("URL")).containsExactly(streamUrl(football), streamUrl(tennis));
        for (Map<String, Object> channel : lineup) {
            assertThat(channel).containsOnlyKeys("GuideNumber", "GuideName", "URL");
            assertThat(channel.get("GuideNumber")).isInstanceOf(String.class);
        }

        // the tuning: GET URL, MPEG-TS from a PAT, through the fan-out proxy
        HttpResponse<InputStream> stream = ProxyHarness.play("", (String) lineup.get(0).get("URL"));
        try {
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.headers().firstValue("content-type")).hasValue("video/mp2t");
            assertThat(ProxyHarness.firstPidAfterKeepalive(stream, 1000)).isEqualTo(TsPacket.PAT_PID);
        } finally {
            ProxyHarness.closeStream(stream);
        }
    }

    @Test
    void shouldNumberABouquetsChannelsAsGetLiveStreamsNumbersThemForTheLine() {
        List<Map<String, Object>> streams = given().queryParam("username", user).queryParam("password", PASSWORD)
                .queryParam("action", "get_live_streams").get("/player_api.php").then().statusCode(200).extract()
                .jsonPath().getList("$");
        Map<String, String> numbers = new HashMap<>();
        streams.forEach(s -> numbers.put(streamUrl(((Number) s.get("stream_id")).longValue()),
                String.valueOf(s.get("num"))));

        for (long bouquet : List.of(sports, news)) {
            List<Map<String, Object>> lineup = given().get(bouquetUrl(user, bouquet) + "/lineup.json").then()
                    .statusCode(200).extract().jsonPath().getList("$");
            assertThat(lineup).isNotEmpty();
            for (Map<String, Object> channel : lineup) {
                assertThat(channel.get("GuideNumber")).as("%s", channel.get("GuideName"))
                        .isEqualTo(numbers.get((String) channel.get("URL")));
            }
        }
        assertThat(given().get(bouquetUrl(user, news) + "/lineup.json").jsonPath().getList("URL", String.class))
                .containsExactly(streamUrl(headlines));
        // the line's own device still lists all it sees, the other bouquet's channel not among them
        assertThat(given().get(lineUrl(user) + "/lineup.json").jsonPath().getList("URL", String.class))
                .contains(streamUrl(football), streamUrl(tennis), streamUrl(headlines))
                .doesNotContain(streamUrl(other));
    }

    @Test
    void shouldGiveEachBouquetItsOwnStableDeviceAndDescription() {
        String line = given().get(lineUrl(user) + "/discover.json").jsonPath().getString("DeviceID");
        String first = given().get(bouquetUrl(user, sports) + "/discover.json").jsonPath().getString("DeviceID");
        String second = given().get(bouquetUrl(user, news) + "/discover.json").jsonPath().getString("DeviceID");
        assertThat(List.of(line, first, second)).doesNotHaveDuplicates();
        assertThat(given().get(bouquetUrl(user, sports) + "/discover.json").jsonPath().getString("DeviceID"))
                .as("stable").isEqualTo(first);
        assertThat(first + second).doesNotContain(PASSWORD);

        var xml = given().get(bouquetUrl(user, news) + "/device.xml").then().statusCode(200)
                .contentType("application/xml").extract().xmlPath();
        assertThat(xml.getString("root.device.serialNumber")).isEqualTo(second);
        assertThat(xml.getString("root.URLBase")).isEqualTo(bouquetUrl(user, news));
        assertThat(xml.getString("root.device.friendlyName")).contains("News " + tag);
        assertThat(xml.getString("root.device.UDN")).startsWith("uuid:")
                .isNotEqualTo(given().get(lineUrl(user) + "/device.xml").xmlPath().getString("root.device.UDN"));
    }

    @Test
    void shouldAnswerTheSame404ForABouquetTheLineDoesNotHoldAndOneThatDoesNotExist() {
        String whole = line(2, null, Set.of(), null);
        List<String> pages = List.of("discover.json", "lineup.json", "lineup_status.json", "device.xml");
        for (String page : pages) {
            for (String url : List.of(bouquetUrl(user, foreign), bouquetUrl(user, 987_654_321L),
                    bouquetUrl(user, "not-a-number"), bouquetUrl(user, "99999999999999999999"),
                    bouquetUrl(whole, sports))) {
                given().get(url + "/" + page).then().statusCode(404).contentType("text/plain")
                        .header("Cache-Control", "no-store").body(equalTo("no such tuner\n"));
            }
        }
        given().post(bouquetUrl(user, foreign) + "/lineup.post?scan=start").then().statusCode(404);
    }

    @Test
    void shouldPassTheLinesGateBeforeLookingAtTheBouquet() {
        for (Object bouquet : List.of(sports, foreign, 987_654_321L)) {
            given().get(lineUrl(user).replace(PASSWORD, "wrong-pass") + "/bouquet/" + bouquet + "/discover.json")
                    .then().statusCode(401).body(equalTo("invalid username or password\n"));
        }
        String expired = line(2, Instant.now().minusSeconds(60), Set.of(sports), null);
        given().get(bouquetUrl(expired, sports) + "/lineup.json").then().statusCode(403)
                .body(equalTo("account expired\n"));
        // access rules: this test's client is 127.0.0.1, outside the allowed range
        String fenced = line(2, null, Set.of(sports), Map.of("addresses", List.of("10.99.0.0/16")));
        for (String page : List.of("discover.json", "lineup.json", "device.xml")) {
            given().get(bouquetUrl(fenced, sports) + "/" + page).then().statusCode(403)
                    .body(startsWith("address_not_allowed"));
            given().get(bouquetUrl(fenced, foreign) + "/" + page).then().statusCode(403);
        }
    }

    @Test
    void shouldFollowABouquetRenameAndDropAChannelTakenFromIt() {
        long bouquet = create("/api/bouquets", Map.of("name", "Before " + tag, "categoryIds", List.of(),
                "channelIds", List.of(football, tennis)));
        String holder = line(1, null, Set.of(bouquet), null);
        assertThat(given().get(bouquetUrl(holder, bouquet) + "/discover.json").jsonPath().getString("FriendlyName"))
                .contains("Before " + tag);
        String id = given().get(bouquetUrl(holder, bouquet) + "/discover.json").jsonPath().getString("DeviceID");

        asAdmin().body(Map.of("name", "After " + tag, "categoryIds", List.of(), "channelIds", List.of(tennis)))
                .put("/api/bouquets/" + bouquet).then().statusCode(200);

        JsonPath renamed = given().get(bouquetUrl(holder, bouquet) + "/discover.json").jsonPath();
        assertThat(renamed.getString("FriendlyName")).contains("After " + tag);
        assertThat(renamed.getString("DeviceID")).as("the id follows the bouquet's id, not its name").isEqualTo(id);
        assertThat(given().get(bouquetUrl(holder, bouquet) + "/lineup.json").jsonPath().getList("URL", String.class))
                .hasSize(1).allMatch(u -> u.endsWith("/" + tennis + ".ts"));
    }
}
