package org.polyplex.ingest.stats;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.unique;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.polyplex.ingest.generation.Generations;
import org.polyplex.ingest.media.SpoolConfig;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

@QuarkusTest
class StreamStatsTest {

    private static final Pattern STREAM_LABEL = Pattern.compile("^polyplex_ingest_stream_\\w+\\{[^}]*stream=\"([^\"]*)\"",
            Pattern.MULTILINE);

    @Inject
    StreamStats stats;

    @Inject
    Generations generations;

    @Inject
    SpoolConfig spool;

    @Test
    void shouldSampleALiveStreamAndTellWhenItsPlaylistGetsOld() throws Exception {
        long id = create("/api/streams", Map.of("name", unique("Stats"), "visibility", "public"));
        long gen = generations.begin(id).generationId();
        generations.markLive(gen);
        Path dir = Path.of(spool.spoolDir(), "streams", Long.toString(id), Long.toString(gen), "source");
        Files.createDirectories(dir);
        Path segment = Files.writeString(dir.resolve("r0-1.ts"), "x");
        Path playlist = Files.writeString(dir.resolve("index.m3u8"), "#EXTM3U\n#EXTINF:2,\nr0-1.ts\n");
        Instant segmentAt = Instant.parse("2026-01-01T00:00:00Z");
        Files.setLastModifiedTime(segment, FileTime.from(segmentAt));

        stats.snapshot();
        asAdmin().get("/api/streams/" + id + "/stats").then().statusCode(200)
                .body("current.health", equalTo("healthy")).body("current.generationId", equalTo((int) gen))
                .body("current.state", equalTo("live")).body("current.viewers", equalTo(0))
                .body("current.egressKbps", equalTo(0)).body("current.lastSegmentAt", equalTo(segmentAt.toString()))
                .body("history", hasSize(1));

        Files.setLastModifiedTime(playlist, FileTime.from(Instant.now().minusSeconds(3600)));
        stats.snapshot();
        asAdmin().get("/api/streams/" + id + "/stats").then().statusCode(200)
                .body("current.health", equalTo("degraded")).body("history", hasSize(2))
                .body("history[0].health", equalTo("healthy")).body("history[1].health", equalTo("degraded"));
        assertThat(stats.current(id).orElseThrow().playlistAgeMs()).isGreaterThanOrEqualTo(3_599_000L);
        asAdmin().get("/api/streams/" + id + "/status").then().statusCode(200).body("state", equalTo("live"))
                .body("generationId", equalTo((int) gen)).body("viewers", equalTo(0)).body("ingressKbps", equalTo(0))
                .body("health", equalTo("degraded")).body("egressKbps", equalTo(0));

        for (int i = 0; i < 10; i++) {
            stats.snapshot();
        }
        asAdmin().get("/api/streams/" + id + "/stats").then().statusCode(200).body("history", hasSize(5));

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("polyplex_ingest_stream_healthy{stream=\"" + id + "\"} 0.0")
                .contains("polyplex_ingest_stream_viewers{stream=\"" + id + "\"}")
                .contains("polyplex_ingest_stream_ingress_kbps{stream=\"" + id + "\"}")
                .contains("polyplex_ingest_stream_egress_kbps{stream=\"" + id + "\"}")
                .contains("polyplex_ingest_stream_playlist_age_seconds{stream=\"" + id + "\"}")
                .contains("polyplex_ingest_publishers").contains("polyplex_ingest_spool_bytes");
        Matcher m = STREAM_LABEL.matcher(metrics);
        int labels = 0;
        while (m.find()) {
            assertThat(m.group(1)).matches("[0-9]+");
            labels++;
        }
        assertThat(labels).isGreaterThanOrEqualTo(5);

        generations.end(gen, "test over");
        asAdmin().get("/api/streams/" + id + "/stats").then().statusCode(200)
                .body("current", nullValue()).body("history", hasSize(0));
        asAdmin().get("/api/streams/" + id + "/status").then().statusCode(200).body("state", equalTo("ended"))
                .body("health", nullValue());
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .doesNotContain("stream=\"" + id + "\"");
    }

    @Test
    void shouldAnswer404ForAnUnknownStreamAnd401WithoutAToken() {
        asAdmin().get("/api/streams/987654321/stats").then().statusCode(404);
        given().get("/api/streams/1/stats").then().statusCode(401);
    }
}
