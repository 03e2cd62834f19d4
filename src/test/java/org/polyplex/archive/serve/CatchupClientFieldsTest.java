package org.polyplex.archive.serve;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.unique;

import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.polyplex.archive.store.ArchiveStore;
import org.polyplex.epg.EpgTestSupport;
import org.polyplex.playlist.M3uEntry;
import org.polyplex.playlist.M3uParser;
import org.polyplex.testsupport.TsFixtures;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * What apps read about catch-up, and that it leads to the archive: {@code tv_archive} and
 * {@code tv_archive_duration} in {@code get_live_streams}, {@code has_archive} in the EPG answers
 * for ended programmes inside the window, and the M3U {@code catchup} attributes, parsed with the
 * project's M3U parser, whose {@code catchup-source} filled in as Kodi pvr.iptvsimple does plays
 * the archived programme.
 */
@QuarkusTest
class CatchupClientFieldsTest {

    private static final String PASSWORD = "fields-pass";

    @Inject
    ArchiveStore store;

    @Test
    void shouldAdvertiseTheArchiveConsistentlyAndLeadToIt() {
        String tag = EpgTestSupport.tag();
        long archived = create("/api/channels", channel("Archived " + tag, "live-" + tag, 1));
        long plain = create("/api/channels", channel("Plain " + tag, "live-" + tag, 0));
        String user = unique("fields");
        create("/api/users", Map.of("username", user, "password", PASSWORD));
        long source = EpgTestSupport.createSource(EpgTestSupport.write("catchup-" + tag + ".xml",
                EpgTestSupport.liveGuide(tag, Instant.now())));
        assertThat(EpgTestSupport.run(source).getString("status")).isEqualToIgnoringCase("success");

        JsonPath streams = given().queryParam("username", user).queryParam("password", PASSWORD)
                .queryParam("action", "get_live_streams").get("/player_api.php").then().statusCode(200).extract()
                .jsonPath();
        assertThat(streams.getInt("find { it.stream_id == " + archived + " }.tv_archive")).isEqualTo(1);
        assertThat(streams.getInt("find { it.stream_id == " + archived + " }.tv_archive_duration")).isEqualTo(1);
        assertThat(streams.getInt("find { it.stream_id == " + plain + " }.tv_archive")).isZero();
        assertThat(streams.getInt("find { it.stream_id == " + plain + " }.tv_archive_duration")).isZero();

        // the guide runs P0 (-150 to -90 min), P1 (-90 to -30), P2 (on now), P3 to P5 (to come)
        assertThat(hasArchive(user, "get_simple_data_table", archived)).containsExactly(1, 1, 0, 0, 0, 0);
        assertThat(hasArchive(user, "get_simple_data_table", plain)).containsExactly(0, 0, 0, 0, 0, 0);
        assertThat(hasArchive(user, "get_short_epg", archived)).containsExactly(0, 0, 0, 0);

        String m3u = given().queryParam("username", user).queryParam("password", PASSWORD)
                .queryParam("type", "m3u_plus").get("/get.php").then().statusCode(200).extract().asString();
        List<M3uEntry> entries = M3uParser.parse(new StringReader(m3u));
        M3uEntry withArchive = entries.stream().filter(e -> e.url().endsWith("/" + archived + ".ts")).findFirst()
                .orElseThrow();
        M3uEntry without = entries.stream().filter(e -> e.url().endsWith("/" + plain + ".ts")).findFirst()
                .orElseThrow();
        assertThat(withArchive.attribute("catchup")).isEqualTo("default");
        assertThat(withArchive.attribute("catchup-days")).isEqualTo("1");
        String template = withArchive.attribute("catchup-source");
        assertThat(template).contains("/streaming/timeshift.php?").contains("start={utc}").contains("end={utcend}")
                .contains("stream=" + archived);
        assertThat(without.attribute("catchup")).isNull();
        assertThat(without.attribute("catchup-source")).isNull();

        // P1 is archived: fill the template as the player does for it, and play it
        Instant p1 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(90));
        store.pruneBefore(archived, Instant.now().plus(Duration.ofDays(3650)));
        CatchupFixtures.Gops gops = CatchupFixtures.gops(TsFixtures.h264(4, 300));
        CatchupFixtures.file(store, archived, p1.minusSeconds(30), Duration.ofMinutes(61), gops, 4);
        String url = template.replace("{utc}", Long.toString(p1.getEpochSecond())).replace("{utcend}",
                Long.toString(p1.plus(Duration.ofMinutes(60)).getEpochSecond()));
        URI uri = URI.create(url);
        byte[] body = given().get(uri.getRawPath() + "?" + uri.getRawQuery()).then().statusCode(200)
                .header("Content-Type", "video/mp2t").extract().asByteArray();
        assertThat(body.length).isGreaterThan(188 * 100);

        // no duration: the guide's programme on at the start is the window (P1, asked 5 minutes in)
        String query = "/streaming/timeshift.php?username=" + user + "&password=" + PASSWORD + "&stream=" + archived
                + "&start=";
        byte[] programme = given().get(query + p1.plus(Duration.ofMinutes(5)).getEpochSecond()).then()
                .statusCode(200).extract().asByteArray();
        assertThat(programme).isEqualTo(body);
        // and none before the guide starts
        given().get(query + p1.minus(Duration.ofHours(2)).getEpochSecond()).then().statusCode(400)
                .body("code", equalTo("bad_duration"));
    }

    private static Map<String, Object> channel(String name, String epgId, int archiveDays) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("epgId", epgId);
        body.put("archiveDays", archiveDays);
        return body;
    }

    private static List<Integer> hasArchive(String user, String action, long channel) {
        return given().queryParam("username", user).queryParam("password", PASSWORD).queryParam("action", action)
                .queryParam("stream_id", channel).get("/player_api.php").then().statusCode(200).extract()
                .jsonPath().getList("epg_listings.has_archive", Integer.class);
    }
}
