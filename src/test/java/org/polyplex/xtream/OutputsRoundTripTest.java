package org.polyplex.xtream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.polyplex.epg.EpgTestSupport.createSource;
import static org.polyplex.epg.EpgTestSupport.run;
import static org.polyplex.epg.EpgTestSupport.tag;
import static org.polyplex.epg.EpgTestSupport.write;
import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.create;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.polyplex.catalog.CatalogService;
import org.polyplex.catalog.CatalogSnapshot;
import org.polyplex.epg.xmltv.DtdValidator;
import org.polyplex.epg.xmltv.XmltvChannel;
import org.polyplex.epg.xmltv.XmltvProgramme;
import org.polyplex.epg.xmltv.XmltvReader;
import org.polyplex.epg.xmltv.XmltvSink;
import org.polyplex.epg.xmltv.XmltvTime;
import org.polyplex.playlist.M3uEntry;
import org.polyplex.playlist.M3uParser;
import org.polyplex.scraping.StubHttp;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;

/**
 * What a scraped M3U list and an imported XMLTV guide become in the three outputs apps read:
 * {@code get.php}, {@code player_api.php?action=get_live_streams} and {@code xmltv.php}. Names
 * with quotes, emoji and Arabic survive exactly, uncategorised channels get the default group,
 * channels without guide stay out of the guide, and the one XMLTV id of each channel is the same
 * in {@code tvg-id}, {@code epg_channel_id} and {@code <channel id>}. The guide also passes the
 * real XMLTV DTD and {@code tv_validate_file}.
 */
@QuarkusTest
class OutputsRoundTripTest {

    private static StubHttp stub;
    private static String tag;
    private static String user;
    private static String password;
    private static Map<String, String> names;

    @Inject
    CatalogService catalog;

    @BeforeAll
    static void start() {
        stub = new StubHttp();
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    private static String id(String key) {
        return key + "-" + tag + ".rt.example";
    }

    // Once per class, after Quarkus has started and told REST Assured its port.
    @BeforeEach
    void importBoth() {
        if (user != null) {
            return;
        }
        tag = tag();
        names = new LinkedHashMap<>();
        names.put("quote", "Quote \"Live\" " + tag);
        names.put("emoji", "Emoji \uD83D\uDCFA " + tag);
        names.put("arabic", "\u0627\u0644\u062C\u0632\u064A\u0631\u0629 " + tag);
        names.put("noguide", "No Guide, at all " + tag);
        names.put("lonely", "Lonely " + tag);
        String m3u = "#EXTM3U\n"
                + "#EXTINF:-1 tvg-id=\"" + id("quote") + "\" tvg-name='" + names.get("quote") + "' group-title=\"RT "
                + tag + "\"," + names.get("quote") + "\nhttp://rt.example/" + tag + "/quote.ts\n"
                + "#EXTINF:-1 tvg-id=\"" + id("emoji") + "\"," + names.get("emoji") + "\nhttp://rt.example/" + tag
                + "/emoji.ts\n"
                + "#EXTINF:-1 group-title=\"\u0623\u062E\u0628\u0627\u0631 " + tag + "\"," + names.get("arabic")
                + "\nhttp://rt.example/" + tag + "/arabic.ts\n"
                + "#EXTINF:-1," + names.get("noguide") + "\nhttp://rt.example/" + tag + "/noguide.ts\n"
                + "#EXTINF:-1 tvg-id=\"" + id("lonely") + "\"," + names.get("lonely") + "\nhttp://rt.example/" + tag
                + "/lonely.ts\n";
        stub.serve("/rt.m3u", "audio/x-mpegurl", m3u);
        long scraper = create("/api/scraper-sources", Map.of("url", stub.url("/rt.m3u"), "type", "m3u"));
        asAdmin().when().post("/api/scraper-sources/" + scraper + "/run").then().statusCode(200);

        // the guide knows the quoted and the emoji channel by id, the Arabic one only by name
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tv>\n");
        for (String key : List.of("quote", "emoji", "arabic", "orphan")) {
            String name = key.equals("orphan") ? "Orphan " + tag : names.get(key);
            xml.append("<channel id=\"").append(id(key)).append("\"><display-name>")
                    .append(name.replace("&", "&amp;").replace("\"", "&quot;")).append("</display-name></channel>\n");
        }
        for (String key : List.of("quote", "emoji", "arabic", "orphan")) {
            for (int i = 0; i < 3; i++) {
                Instant from = start.plus(i, ChronoUnit.HOURS);
                xml.append("<programme start=\"").append(XmltvTime.format(from)).append("\" stop=\"")
                        .append(XmltvTime.format(from.plus(1, ChronoUnit.HOURS))).append("\" channel=\"")
                        .append(id(key)).append("\"><title>").append(title(key, i)
                                .replace("&", "&amp;").replace("<", "&lt;"))
                        .append("</title></programme>\n");
            }
        }
        xml.append("</tv>\n");
        run(createSource(write("rt-" + tag + ".xml", xml.toString().getBytes(StandardCharsets.UTF_8))));

        CatalogSnapshot snapshot = catalog.snapshot();
        List<Long> channelIds = new ArrayList<>();
        for (String name : names.values()) {
            channelIds.add(snapshot.channels().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().id());
        }
        long bouquet = create("/api/bouquets", Map.of("name", "rt-" + tag, "channelIds", channelIds));
        password = "pass~" + tag;
        create("/api/users", Map.of("username", "rt-" + tag, "password", password, "bouquetIds", List.of(bouquet)));
        user = "rt-" + tag;
    }

    private static String title(String key, int i) {
        return switch (key) {
            case "quote" -> "\"Breaking\" & <more> " + i;
            case "emoji" -> "\uD83C\uDF89 Party " + i;
            case "arabic" -> "\u0627\u0644\u0623\u062E\u0628\u0627\u0631 " + i;
            default -> "Orphan " + i;
        };
    }

    private static Map<String, M3uEntry> playlist() {
        String body = given().queryParam("username", user).queryParam("password", password).get("/get.php")
                .then().statusCode(200).extract().asString();
        Map<String, M3uEntry> byName = new HashMap<>();
        M3uParser.parse(new StringReader(body)).forEach(e -> byName.put(e.title(), e));
        return byName;
    }

    private static Map<String, String> epgChannelIds() {
        List<Map<String, Object>> streams = given().queryParam("username", user).queryParam("password", password)
                .queryParam("action", "get_live_streams").get("/player_api.php").then().statusCode(200).extract()
                .jsonPath().getList("$");
        Map<String, String> byName = new HashMap<>();
        streams.forEach(s -> byName.put((String) s.get("name"), (String) s.get("epg_channel_id")));
        return byName;
    }

    private static byte[] guide() {
        return given().config(RestAssuredConfig.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
                .header("Accept-Encoding", "identity").queryParam("username", user).queryParam("password", password)
                .get("/xmltv.php").then().statusCode(200).extract().asByteArray();
    }

    /** What a guide holds, read back with Polyplex's own XMLTV reader. */
    private static final class Read implements XmltvSink {
        final List<XmltvChannel> channels = new ArrayList<>();
        final List<XmltvProgramme> programmes = new ArrayList<>();

        @Override
        public void channel(XmltvChannel channel) {
            channels.add(channel);
        }

        @Override
        public void programme(XmltvProgramme programme) {
            programmes.add(programme);
        }

        @Override
        public void skipped(String reason) {
            throw new AssertionError("the guide holds a record its reader skips: " + reason);
        }
    }

    @Test
    void shouldKeepNamesExactAndGiveUncategorisedChannelsTheDefaultGroup() {
        Map<String, M3uEntry> playlist = playlist();

        assertThat(playlist.keySet()).containsExactlyInAnyOrderElementsOf(names.values());
        M3uEntry quote = playlist.get(names.get("quote"));
        assertThat(quote.attributes()).as("no attribute can hold the quote; the exact name is after the comma")
                .doesNotContainKey("tvg-name").containsEntry("group-title", "RT " + tag);
        assertThat(playlist.get(names.get("emoji")).attributes()).containsEntry("tvg-name", names.get("emoji"))
                .containsEntry("group-title", "Uncategorized");
        assertThat(playlist.get(names.get("arabic")).attributes()).containsEntry("tvg-name", names.get("arabic"))
                .containsEntry("group-title", "\u0623\u062E\u0628\u0627\u0631 " + tag);
        assertThat(playlist.get(names.get("noguide")).attributes()).containsEntry("group-title", "Uncategorized")
                .containsEntry("tvg-id", "");
    }

    @Test
    void shouldCarryOneXmltvIdPerChannelAcrossPlaylistXtreamAndGuide() throws Exception {
        Map<String, M3uEntry> playlist = playlist();
        Map<String, String> epg = epgChannelIds();
        Read guide = new Read();
        new XmltvReader(Duration.ZERO).read(new ByteArrayInputStream(guide()), guide);

        long arabicId = catalog.snapshot().channels().stream().filter(c -> c.name().equals(names.get("arabic")))
                .findFirst().orElseThrow().id();
        Map<String, String> expected = Map.of(names.get("quote"), id("quote"), names.get("emoji"), id("emoji"),
                names.get("arabic"), "ch" + arabicId + ".polyplex");
        for (var e : expected.entrySet()) {
            assertThat(playlist.get(e.getKey()).tvgId()).as("tvg-id of " + e.getKey()).isEqualTo(e.getValue());
            assertThat(epg.get(e.getKey())).as("epg_channel_id of " + e.getKey()).isEqualTo(e.getValue());
        }
        List<String> shortEpgIds = given().queryParam("username", user).queryParam("password", password)
                .queryParam("action", "get_short_epg").queryParam("stream_id", arabicId).get("/player_api.php")
                .then().statusCode(200).extract().jsonPath().getList("epg_listings.channel_id");
        assertThat(shortEpgIds).as("get_short_epg names the channel as the guide does").isNotEmpty()
                .containsOnly("ch" + arabicId + ".polyplex");
        assertThat(epg.get(names.get("noguide"))).isNull();
        assertThat(epg.get(names.get("lonely"))).as("an epg id is kept even before a guide has it").isEqualTo(id("lonely"));

        Map<String, List<String>> listed = new HashMap<>();
        guide.channels.forEach(c -> listed.put(c.id(), c.displayNames()));
        assertThat(listed).as("only channels with guide data, under the ids the other outputs give")
                .containsOnlyKeys(expected.values());
        expected.forEach((name, id) -> assertThat(listed.get(id)).containsExactly(name));
        assertThat(guide.programmes).allMatch(p -> listed.containsKey(p.channel()));
        assertThat(guide.programmes).extracting(XmltvProgramme::title).contains(title("quote", 1), title("emoji", 0),
                title("arabic", 2)).noneMatch(t -> t.startsWith("Orphan"));
    }

    @Test
    void shouldWriteAGuideTheXmltvDtdAndTvValidateFileAccept() throws Exception {
        byte[] guide = guide();

        assertThat(DtdValidator.errors(guide)).isEmpty();
        assertThat(DtdValidator.tvValidateFile(guide)).isNull();
    }
}
