package org.polyplex.epg;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.polyplex.epg.EpgTestSupport.createChannel;
import static org.polyplex.epg.EpgTestSupport.createSource;
import static org.polyplex.epg.EpgTestSupport.fixture;
import static org.polyplex.epg.EpgTestSupport.liveGuide;
import static org.polyplex.epg.EpgTestSupport.run;
import static org.polyplex.epg.EpgTestSupport.tag;
import static org.polyplex.epg.EpgTestSupport.write;
import static org.polyplex.testsupport.AdminApi.asAdmin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.polyplex.catalog.CatalogService;
import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.epg.xmltv.XmltvTime;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/** Imports from local files: matching, listings, the atomic swap, and every bad input. */
@QuarkusTest
class EpgImportTest {

    @Inject
    EpgService epg;

    @Inject
    CatalogService catalog;

    @Inject
    DataSource dataSource;

    private LiveChannel channel(long id) {
        return catalog.snapshot().channel(id).orElseThrow();
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    @Test
    void importsAGuideAndMatchesChannelsByIdThenName() {
        String tag = tag();
        long byId = createChannel("News " + tag, "NEWS.one-" + tag);
        long byName = createChannel("Cine Etoile " + tag, null);
        long none = createChannel("Nothing " + tag, "nothing-" + tag);
        long source = createSource(write(tag + ".xml", fixture("good.xml", tag)));

        JsonPath run = run(source);

        assertThat(run.getString("status")).isEqualTo("success");
        assertThat(run.getInt("channels")).isEqualTo(3);
        assertThat(run.getInt("programmes")).isEqualTo(5);
        assertThat(run.getInt("skipped")).isZero();
        assertThat(run.getLong("bytesRead")).isPositive();

        List<EpgListing> news = epg.dataTable(channel(byId));
        assertThat(news).extracting(l -> decode(l.title())).containsExactly("Morning News", "Late Breakfast", "Business");
        // the guide says News.One: channel_id is the channel's own spelling, as epg_channel_id and xmltv.php give it
        assertThat(news.get(0).channelId()).isEqualTo("NEWS.one-" + tag);
        assertThat(news.get(0).streamId()).isEqualTo(Long.toString(byId));
        assertThat(news.get(0).start()).isEqualTo("2099-01-01 06:00:00");
        assertThat(news.get(0).startTimestamp())
                .isEqualTo(Long.toString(Instant.parse("2099-01-01T06:00:00Z").getEpochSecond()));
        assertThat(epg.shortEpg(channel(byId), 2)).hasSize(2);
        assertThat(epg.shortEpg(channel(byId), 0)).hasSize(3);
        assertThat(epg.dataTable(channel(byName), ZoneId.of("Europe/Paris"), Duration.ZERO))
                .singleElement().satisfies(l -> {
                    assertThat(decode(l.title())).isEqualTo("Le Grand Film");
                    assertThat(decode(l.description())).isEqualTo("Un film très attendu — en version restaurée.");
                    assertThat(l.lang()).isEqualTo("fr");
                    assertThat(l.start()).isEqualTo("2099-01-01 20:00:00");
                });
        assertThat(epg.dataTable(channel(none))).isEmpty();
        asAdmin().get("/api/epg/channels/" + byId + "/listings?limit=1").then().statusCode(200)
                .body("epg_listings.size()", equalTo(1))
                .body("epg_listings[0].title", equalTo(news.get(0).title()))
                .body("epg_listings[0].stream_id", equalTo(Long.toString(byId)))
                .body("epg_listings[0].now_playing", equalTo(0));
        asAdmin().get("/api/epg/channels/" + byId + "/listings").then().statusCode(200)
                .body("epg_listings.size()", equalTo(3));
        asAdmin().get("/api/epg/channels/999999999/listings").then().statusCode(404);

        List<Long> unmatched = asAdmin().when().get("/api/epg/unmatched-channels").then().statusCode(200)
                .extract().jsonPath().getList("id", Long.class);
        assertThat(unmatched).contains(none).doesNotContain(byId, byName);
    }

    @Test
    void shortEpgStartsWithTheProgrammeOnAirAndTheTableMarksTheArchive() {
        String tag = tag();
        long id = createChannel("Live " + tag, "live-" + tag);
        run(createSource(write(tag + ".xml", liveGuide(tag, Instant.now()))));

        List<EpgListing> now = epg.shortEpg(channel(id), 4);
        assertThat(now).extracting(l -> decode(l.title())).containsExactly("P2", "P3", "P4", "P5");
        assertThat(now).extracting(EpgListing::nowPlaying).containsExactly(1, 0, 0, 0);

        List<EpgListing> table = epg.dataTable(channel(id), ZoneId.of("UTC"), Duration.ofDays(1));
        assertThat(table).extracting(l -> decode(l.title())).containsExactly("P0", "P1", "P2", "P3", "P4", "P5");
        assertThat(table).extracting(EpgListing::hasArchive).containsExactly(1, 1, 0, 0, 0, 0);
        assertThat(epg.dataTable(channel(id))).extracting(EpgListing::hasArchive).containsOnly(0);
    }

    @Test
    void theShortEpgFollowsANewImportAtOnce() {
        String tag = tag();
        long id = createChannel("Live " + tag, "live-" + tag);
        String path = write(tag + ".xml", liveGuide(tag, Instant.now()));
        long source = createSource(path);
        run(source);
        assertThat(epg.shortEpg(channel(id), 2)).extracting(l -> decode(l.title())).containsExactly("P2", "P3");

        String renamed = new String(liveGuide(tag, Instant.now()), StandardCharsets.UTF_8).replace(">P", ">Q");
        write(tag + ".xml", renamed.getBytes(StandardCharsets.UTF_8));
        run(source);

        assertThat(epg.shortEpg(channel(id), 2)).extracting(l -> decode(l.title())).containsExactly("Q2", "Q3");
    }

    @Test
    void skippedRecordsAreCountedWithTheirReasons() {
        String tag = tag();
        JsonPath run = run(createSource(write(tag + ".xml", fixture("bad-records.xml", tag))));

        assertThat(run.getString("status")).isEqualTo("warning");
        assertThat(run.getInt("programmes")).isEqualTo(2);
        assertThat(run.getInt("skipped")).isEqualTo(5);
        assertThat(run.getString("message")).contains("1 overlapping programme", "1 stop before start",
                "1 unknown channel", "1 bad or missing start", "1 missing title");
    }

    @Test
    void aFailedImportKeepsThePreviousGuide() throws IOException {
        String tag = tag();
        long id = createChannel("News " + tag, "news.one-" + tag);
        String path = write(tag + ".xml", fixture("good.xml", tag));
        long source = createSource(path);
        assertThat(run(source).getString("status")).isEqualTo("success");
        long generation = asAdmin().get("/api/epg-sources/" + source).then().extract().jsonPath()
                .getLong("activeGeneration");

        Map<String, String> expected = Map.of(
                "malformed.xml", "malformed XML",
                "truncated.xml", "malformed XML",
                "xxe.xml", "secret",
                "billion-laughs.xml", "lol9",
                "wrong-encoding.xml", "XML",
                "bomb.xml.gz", "inflated gzip content larger than the configured limit",
                "empty.xml", "no channels and no programmes");
        for (var bad : expected.entrySet()) {
            byte[] content = switch (bad.getKey()) {
                case "bomb.xml.gz" -> gzipBomb();
                case "empty.xml" -> "<tv></tv>".getBytes(StandardCharsets.UTF_8);
                default -> fixture(bad.getKey(), tag);
            };
            write(tag + ".xml", content);

            JsonPath failed = run(source);

            assertThat(failed.getString("status")).as(bad.getKey()).isEqualTo("failed");
            assertThat(failed.getString("message")).as(bad.getKey()).contains(bad.getValue());
            assertThat(epg.dataTable(channel(id))).as(bad.getKey()).hasSize(3);
        }
        asAdmin().get("/api/epg-sources/" + source).then().body("activeGeneration", equalTo((int) generation));
        List<String> statuses = asAdmin().get("/api/epg-sources/" + source + "/runs").then().statusCode(200)
                .header("X-Total-Count", String.valueOf(expected.size() + 1)).extract().jsonPath().getList("status");
        assertThat(statuses).last().isEqualTo("success");
    }

    @Test
    void shouldMergeRepeatedChannelDeclarationsWhenGuidesWereConcatenated() {
        String tag = tag();
        Instant base = Instant.parse("2099-03-01T10:00:00Z");
        // Two grabbers' output in one file: the same channel declared twice, each part with its programmes.
        String xml = "<tv><channel id=\"dup-" + tag + "\"><display-name>Dup One</display-name></channel>"
                + "<channel id=\"other-" + tag + "\"><display-name>Other</display-name></channel>"
                + programme("dup-" + tag, base, 60, "First part")
                + "<channel id=\" dup-" + tag + " \"><display-name>Dup One</display-name>"
                + "<display-name>Second Name " + tag + "</display-name><icon src=\"http://logos.example/dup.png\"/></channel>"
                + programme("dup-" + tag, base.plus(1, ChronoUnit.HOURS), 60, "Second part")
                + programme("other-" + tag, base, 30, "Other show") + "</tv>";
        long byId = createChannel("Dup " + tag, "dup-" + tag);
        long byLaterName = createChannel("Second Name " + tag, null);

        JsonPath run = run(createSource(write(tag + ".xml", xml.getBytes(StandardCharsets.UTF_8))));

        assertThat(run.getString("status")).isEqualTo("success");
        assertThat(run.getInt("channels")).isEqualTo(2);
        assertThat(run.getInt("programmes")).isEqualTo(3);
        assertThat(epg.dataTable(channel(byId))).extracting(l -> decode(l.title()))
                .containsExactly("First part", "Second part");
        assertThat(epg.dataTable(channel(byLaterName))).extracting(l -> decode(l.title()))
                .containsExactly("First part", "Second part");
    }

    @Test
    void shouldRecordAGenericMessageAndKeepTheGuideWhenTheDatabaseRefusesTheImport() {
        String tag = tag();
        long id = createChannel("Guarded " + tag, "guarded-" + tag);
        Instant base = Instant.parse("2099-03-02T10:00:00Z");
        String path = write(tag + ".xml", ("<tv><channel id=\"guarded-" + tag + "\"/>" + programme("guarded-" + tag, base,
                60, "Kept") + "</tv>").getBytes(StandardCharsets.UTF_8));
        long source = createSource(path);
        assertThat(run(source).getString("status")).isEqualTo("success");
        // A real refusal of the database: a constraint that this source's next channel breaks.
        String constraint = "ck_test_" + tag.replaceAll("\\W", "_");
        jdbc("alter table epg_channels add constraint " + constraint + " check (xmltv_id <> 'poison-" + tag + "')");
        try {
            write(tag + ".xml", ("<tv><channel id=\"guarded-" + tag + "\"/><channel id=\"poison-" + tag + "\"/>"
                    + programme("guarded-" + tag, base, 60, "New") + "</tv>").getBytes(StandardCharsets.UTF_8));

            JsonPath failed = run(source);

            assertThat(failed.getString("status")).isEqualTo("failed");
            assertThat(failed.getString("message")).startsWith("the guide could not be stored (database error")
                    .doesNotContainIgnoringCase(constraint).doesNotContainIgnoringCase("epg_channels")
                    .doesNotContainIgnoringCase("insert");
            assertThat(epg.dataTable(channel(id))).extracting(l -> decode(l.title())).containsExactly("Kept");
        } finally {
            jdbc("alter table epg_channels drop constraint " + constraint);
        }
    }

    private void jdbc(String sql) {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldRecordWhatAFailedRunReadAndNameUndeclaredChannels() {
        String tag = tag();
        Instant base = Instant.parse("2099-03-03T10:00:00Z");
        byte[] xml = ("<tv>" + programme("nowhere-" + tag, base, 60, "Lost") + programme("nowhere-" + tag,
                base.plus(1, ChronoUnit.HOURS), 60, "Lost too") + "</tv>").getBytes(StandardCharsets.UTF_8);

        JsonPath failed = run(createSource(write(tag + ".xml", xml)));

        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getString("message"))
                .isEqualTo("the guide declares no <channel>: its 2 programmes name channels it does not declare");
        assertThat(failed.getInt("skipped")).isEqualTo(2);
        assertThat(failed.getLong("bytesRead")).isEqualTo(xml.length);
    }

    @Test
    void readsGzipByItsMagicBytesWhateverTheName() {
        String tag = tag();
        long id = createChannel("Sport " + tag, "sport.two");
        JsonPath run = run(createSource(write(tag + ".xml", fixture("good.xml.gz", tag))));

        assertThat(run.getString("status")).isEqualTo("success");
        assertThat(run.getInt("programmes")).isEqualTo(5);
        assertThat(epg.dataTable(channel(id))).isNotEmpty();
    }

    @Test
    void aMissingFileFailsTheRun() {
        JsonPath run = run(createSource(EpgTestSupport.ROOT.resolve("missing-" + tag() + ".xml").toString()));

        assertThat(run.getString("status")).isEqualTo("failed");
        assertThat(run.getString("message")).contains("no such file");
    }

    /**
     * 8 MiB of empty elements inside a valid document: a few KiB compressed, over the 4 MiB test
     * cap, and no single text node over the parser's limit (which would fail it first).
     */
    private static byte[] gzipBomb() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write("<tv>".getBytes(StandardCharsets.UTF_8));
            byte[] spaces = "<x/>".repeat(256 * 1024).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 8; i++) {
                gzip.write(spaces);
            }
            gzip.write("</tv>".getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    @Test
    void shouldWriteEveryProgrammeOnceWhenTheXmltvOutputSpansPages() throws IOException {
        String tag = tag();
        long id = createChannel("Paged " + tag, "paged-" + tag);
        Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
        StringBuilder xml = new StringBuilder("<tv><channel id=\"paged-" + tag + "\"/>");
        for (int i = 0; i < 24; i++) {
            xml.append(programme("paged-" + tag, base.plus(i, ChronoUnit.HOURS), 60, "P" + i));
        }
        // Out of order, at P9's start: the 10th row of the first page of 10 is P9 or this one.
        xml.append(programme("paged-" + tag, base.plus(9, ChronoUnit.HOURS), 30, "Twin")).append("</tv>");
        assertThat(run(createSource(write(tag + ".xml", xml.toString().getBytes(StandardCharsets.UTF_8))))
                .getInt("programmes")).isEqualTo(25);

        StringWriter out = new StringWriter();
        epg.writeXmltv(List.of(channel(id)), base.minus(1, ChronoUnit.HOURS), base.plus(2, ChronoUnit.DAYS), out);

        List<String> titles = Pattern.compile("<title[^>]*>([^<]+)</title>").matcher(out.toString()).results()
                .map(m -> m.group(1)).toList();
        assertThat(titles).hasSize(25).doesNotHaveDuplicates().contains("Twin", "P0", "P9", "P23");
    }

    private static String programme(String channel, Instant start, int minutes, String title) {
        return "<programme start=\"" + XmltvTime.format(start) + "\" stop=\""
                + XmltvTime.format(start.plus(minutes, ChronoUnit.MINUTES)) + "\" channel=\"" + channel
                + "\"><title>" + title + "</title></programme>";
    }

    @Test
    void theApiNeedsAnAdmin() {
        given().when().get("/api/epg-sources").then().statusCode(401);
        given().when().get("/api/epg/unmatched-channels").then().statusCode(401);
    }
}
