package org.polyplex.epg.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.polyplex.epg.EpgTestSupport.createChannel;
import static org.polyplex.epg.EpgTestSupport.createSource;
import static org.polyplex.epg.EpgTestSupport.liveGuide;
import static org.polyplex.epg.EpgTestSupport.run;
import static org.polyplex.epg.EpgTestSupport.tag;
import static org.polyplex.epg.EpgTestSupport.write;
import static org.polyplex.testsupport.AdminApi.asAdmin;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.polyplex.catalog.CatalogService;
import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.epg.EpgListing;
import org.polyplex.epg.EpgService;

import io.quarkus.test.junit.QuarkusTest;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/** What a run does with a guide that has nothing usable, and what it says about a bad URL. */
@QuarkusTest
class ImportRunnerTest {

    @Inject
    EpgService epg;

    @Inject
    CatalogService catalog;

    @Test
    void shouldFailAndKeepThePreviousGuideWhenNoProgrammeIsUsable() {
        String tag = tag();
        long channel = createChannel("Live " + tag, "live-" + tag);
        String path = write(tag + ".xml", liveGuide(tag, Instant.now()));
        long source = createSource(path);
        assertThat(run(source).getString("status")).isEqualTo("success");
        long generation = activeGeneration(source);

        // Every programme stops before it starts: the same channel, nothing usable.
        String invalid = new String(liveGuide(tag, Instant.now()), StandardCharsets.UTF_8)
                .replaceAll("start=\"([^\"]+)\" stop=\"([^\"]+)\"", "start=\"$2\" stop=\"$1\"");
        write(tag + ".xml", invalid.getBytes(StandardCharsets.UTF_8));
        JsonPath failed = run(source);

        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getString("message")).contains("no usable programme", "6 stop before start");
        assertThat(titles(channel)).containsExactly("P0", "P1", "P2", "P3", "P4", "P5");
        assertThat(activeGeneration(source)).isEqualTo(generation);
    }

    @Test
    void shouldFailAndKeepThePreviousGuideWhenTheGuideHasChannelsOnly() {
        String tag = tag();
        long channel = createChannel("Live " + tag, "live-" + tag);
        long source = createSource(write(tag + ".xml", liveGuide(tag, Instant.now())));
        assertThat(run(source).getString("status")).isEqualTo("success");
        long generation = activeGeneration(source);

        write(tag + ".xml", ("<tv><channel id=\"live-" + tag + "\"><display-name>Live</display-name></channel>"
                + "<channel id=\"other-" + tag + "\"/></tv>").getBytes(StandardCharsets.UTF_8));
        JsonPath failed = run(source);

        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getString("message")).contains("no usable programme (2 channels)");
        assertThat(titles(channel)).containsExactly("P0", "P1", "P2", "P3", "P4", "P5");
        assertThat(activeGeneration(source)).isEqualTo(generation);
    }

    @Test
    void shouldKeepCredentialsOutOfRunsAndLogsWhenTheSourceUrlIsMalformed() {
        List<String> urls = List.of(
                "http://alice:s3cretPass@exa mple.com/guide.xml",
                "http://example.com/live/bob/pathPass/guide xml",
                "http://example.com/bob/pathPass/1234?x=a b",
                "http://example.com/xmltv.php?username=carol&password=queryPass&x=a b",
                // well-formed, refused on loopback: the connection error must not quote it either
                "http://alice:s3cretPass@127.0.0.1:1/live/bob/pathPass/guide.xml?password=queryPass");
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("org.polyplex.epg");
        logger.addHandler(handler);
        try {
            for (String url : urls) {
                long source = createSource(url);
                JsonPath failed = run(source);
                List<String> runs = asAdmin().get("/api/epg-sources/" + source + "/runs").then().statusCode(200)
                        .extract().jsonPath().getList("message");

                assertThat(failed.getString("status")).as(url).isEqualTo("failed");
                assertThat(failed.getString("message")).as(url).isNotBlank();
                for (String text : List.of(failed.getString("message"), String.join("\n", runs))) {
                    assertThat(text).as(url).doesNotContain("alice", "s3cretPass", "bob", "pathPass", "carol",
                            "queryPass");
                }
            }
        } finally {
            logger.removeHandler(handler);
        }
        assertThat(logged).anyMatch(line -> line.contains("malformed source URL"));
        assertThat(String.join("\n", logged)).doesNotContain("alice", "s3cretPass", "bob", "pathPass", "carol",
                "queryPass");
    }

    private List<String> titles(long channel) {
        LiveChannel live = catalog.snapshot().channel(channel).orElseThrow();
        return epg.dataTable(live).stream().map(EpgListing::title)
                .map(t -> new String(Base64.getDecoder().decode(t), StandardCharsets.UTF_8)).toList();
    }

    private static long activeGeneration(long source) {
        return asAdmin().get("/api/epg-sources/" + source).then().statusCode(200).body("enabled", equalTo(true))
                .extract().jsonPath().getLong("activeGeneration");
    }
}
