package org.polyplex.xtream.guide;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.polyplex.epg.EpgTestSupport.createChannel;
import static org.polyplex.epg.EpgTestSupport.createSource;
import static org.polyplex.epg.EpgTestSupport.liveGuide;
import static org.polyplex.epg.EpgTestSupport.run;
import static org.polyplex.epg.EpgTestSupport.tag;
import static org.polyplex.epg.EpgTestSupport.write;
import static org.polyplex.testsupport.AdminApi.create;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import org.polyplex.epg.xmltv.DtdValidator;
import org.polyplex.epg.xmltv.XmltvTime;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;

@QuarkusTest
class XmltvResourceTest {

    private static String tag;
    private static String user;
    private static String restricted;
    private static long live;
    private static long noEpgId;
    private static long hidden;
    private static long named;

    // Once per class, but after Quarkus has started and told REST Assured its random port.
    @BeforeEach
    void guide() {
        if (tag != null) {
            return;
        }
        tag = tag();
        live = createChannel("Live " + tag, "live-" + tag);
        noEpgId = createChannel("Plain " + tag, null);
        hidden = createChannel("Hidden " + tag, "live-" + tag + "h");
        // no epg id, but its name is a display name of the guide of live-<tag>n
        named = createChannel("Live " + tag + "n", null);
        // the HD entry of the same station shares its epg id
        createChannel("Live " + tag + " HD", "live-" + tag);
        run(createSource(write(tag + ".xml", liveGuide(tag, Instant.now()))));
        run(createSource(write(tag + "h.xml", liveGuide(tag + "h", Instant.now()))));
        run(createSource(write(tag + "n.xml", liveGuide(tag + "n", Instant.now()))));
        user = "viewer-" + tag;
        create("/api/users", Map.of("username", user, "password", "pass-" + tag));
        long bouquet = create("/api/bouquets", Map.of("name", "b-" + tag, "channelIds", List.of(live)));
        restricted = "limited-" + tag;
        create("/api/users", Map.of("username", restricted, "password", "pass-" + tag, "bouquetIds", List.of(bouquet)));
    }

    private static Response get(String username, String query) {
        return given().config(RestAssuredConfig.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
                .header("Accept-Encoding", "identity")
                .when().get("/xmltv.php?username=" + username + "&password=pass-" + tag + query);
    }

    @Test
    void streamsAValidGuideOfTheChannelsTheUserSees() throws Exception {
        Response response = get(user, "");
        response.then().statusCode(200).contentType("application/xml");
        byte[] body = response.asByteArray();
        String xml = new String(body, "UTF-8");

        assertThat(DtdValidator.errors(body)).isEmpty();
        assertThat(xml).contains("<channel id=\"live-" + tag + "\">", "<display-name>Live " + tag + "</display-name>",
                "<channel id=\"live-" + tag + "h\">", "<channel id=\"ch" + named + ".polyplex\">",
                "<title lang=\"en\">P0</title>", "<desc>Part 2 &amp; more</desc>", "<category>Show</category>",
                "<episode-num system=\"onscreen\">E5</episode-num>");
        assertThat(xml).containsPattern("start=\"\\d{14} \\+0000\" stop=\"\\d{14} \\+0000\" channel=\"live-" + tag + "\"");
        assertThat(xml).as("a channel matched by name has its programmes under its own id")
                .contains("channel=\"ch" + named + ".polyplex\"");
        assertThat(xml).as("channels sharing an id are one <channel> with each name, their programmes written once")
                .contains("<channel id=\"live-" + tag + "\">\n    <display-name>Live " + tag
                        + "</display-name>\n    <display-name>Live " + tag + " HD</display-name>\n");
        assertThat(xml.split("<channel id=\"live-" + tag + "\">", -1)).hasSize(2);
        assertThat(xml.split("channel=\"live-" + tag + "\">", -1)).hasSize(7);
        assertThat(xml).as("a channel without guide is not listed").doesNotContain("Plain " + tag,
                "ch" + noEpgId + ".polyplex");
    }

    @Test
    void aBouquetLimitsTheGuide() {
        String xml = get(restricted, "").then().statusCode(200).extract().asString();

        assertThat(xml).contains("channel id=\"live-" + tag + "\"").doesNotContain("live-" + tag + "h",
                "ch" + named + ".polyplex");
    }

    @Test
    void theWindowSelectsProgrammes() {
        // An empty window still holds what is on air at this instant.
        // (Only this test's channel is looked at: other tests' guides, on the hour, share the database.)
        String now = get(user, "&past_days=0&future_days=0").then().statusCode(200).extract().asString();
        assertThat(now).contains("<channel id=\"live-" + tag + "\">");
        assertThat(programmesOf(now, "live-" + tag)).contains(">P2<").doesNotContain(">P1<", ">P3<");

        String future = get(user, "&past_days=0&future_days=1").then().statusCode(200).extract().asString();
        // P2 is on air now; P0 and P1 ended before the window opened.
        assertThat(programmesOf(future, "live-" + tag)).contains(">P2<", ">P5<").doesNotContain(">P0<", ">P1<");

        get(user, "&past_days=-1").then().statusCode(400);
    }

    /** The programme elements of one channel of a guide, one after the other. */
    private static String programmesOf(String xml, String channel) {
        StringBuilder out = new StringBuilder();
        Matcher m = Pattern.compile("(?s)<programme [^>]*channel=\"" + Pattern.quote(channel) + "\">.*?</programme>")
                .matcher(xml);
        while (m.find()) {
            out.append(m.group());
        }
        return out.toString();
    }

    @Test
    void gzipWhenTheClientAcceptsIt() throws IOException {
        Response response = given()
                .config(RestAssuredConfig.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
                .header("Accept-Encoding", "gzip")
                .when().get("/xmltv.php?username=" + user + "&password=pass-" + tag);
        response.then().statusCode(200).header("Content-Encoding", "gzip");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.asByteArray()))) {
            assertThat(new String(in.readAllBytes(), "UTF-8")).contains("<title lang=\"en\">P3</title>").endsWith("</tv>\n");
        }
    }

    @Test
    void badCredentialsAre401() {
        given().when().get("/xmltv.php?username=" + user + "&password=wrong").then().statusCode(401);
        given().when().get("/xmltv.php?username=nobody-" + tag + "&password=x").then().statusCode(401);
        given().when().get("/xmltv.php").then().statusCode(401);
    }

    @Test
    void timesAreUtcWhateverTheSourceOffset() {
        String xml = get(user, "&past_days=1&future_days=1").then().extract().asString();
        Instant p0 = Instant.now().minus(Duration.ofMinutes(150));
        String hour = XmltvTime.format(p0).substring(0, 10);
        assertThat(xml).contains("start=\"" + hour);
    }
}
