package org.polyplex.archive.serve;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.unique;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.polyplex.catalog.CatalogService;
import org.polyplex.catalog.model.Channel;
import org.polyplex.catalog.model.ChannelSource;
import org.polyplex.scraping.ScrapeRun;
import org.polyplex.scraping.ScrapeRunner;
import org.polyplex.scraping.ScraperSourceService;
import org.polyplex.scraping.StubHttp;
import org.polyplex.scraping.source.ScraperSourceInput;
import org.polyplex.scraping.source.SourceType;
import org.polyplex.testsupport.TsFixtures;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Catch-up of a provider channel that the provider archives, end to end over real HTTP: a fake
 * Xtream provider on loopback (its {@code server_info.timezone} is New York, ours Europe/Rome in
 * the test profile) is imported, {@code get_live_streams} advertises its archive days, and a
 * timeshift request on our side reaches the provider's timeshift path with the start in the
 * provider's zone, relays a byte range, maps a provider 404 without naming the provider, and
 * refuses wrong line credentials before asking the provider anything.
 */
@QuarkusTest
class ProviderCatchupTest {

    private static final String PASSWORD = "provider-pass";
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");
    private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd:HH-mm");

    private static StubHttp provider;
    private static final List<String> asked = new CopyOnWriteArrayList<>();
    private static byte[] ts;

    @Inject
    ScrapeRunner runner;

    @Inject
    ScraperSourceService sources;

    @Inject
    CatalogService catalog;

    @BeforeAll
    static void start() {
        ts = TsFixtures.read(TsFixtures.h264(2, 300));
        provider = new StubHttp();
        provider.route("/pt/player_api.php", req -> {
            if (!"alice".equals(req.getParam("username")) || !"s3cret".equals(req.getParam("password"))) {
                return StubHttp.Answer.of("application/json", "{\"user_info\":{\"auth\":0}}");
            }
            String action = req.getParam("action") == null ? "" : req.getParam("action");
            return StubHttp.Answer.of("application/json", switch (action) {
                case "" -> "{\"user_info\":{\"auth\":1,\"status\":\"Active\",\"max_connections\":\"2\"},"
                        + "\"server_info\":{\"timezone\":\"America/New_York\"}}";
                case "get_live_streams" -> "[{\"name\":\"Archived\",\"stream_id\":501,\"tv_archive\":1,"
                        + "\"tv_archive_duration\":\"3\"},{\"name\":\"Plain\",\"stream_id\":502,\"tv_archive\":0,"
                        + "\"tv_archive_duration\":0}]";
                default -> "[]";
            });
        });
        provider.route("/pt/timeshift/*", req -> {
            asked.add(req.path());
            if (req.path().contains("/77/")) {
                return new StubHttp.Answer(404, "text/plain", "no such archive".getBytes());
            }
            Matcher range = RANGE.matcher(String.valueOf(req.getHeader("Range")));
            if (range.matches()) {
                int first = Integer.parseInt(range.group(1));
                int last = Integer.parseInt(range.group(2));
                return new StubHttp.Answer(206, "video/mp2t", Arrays.copyOfRange(ts, first, last + 1),
                        Map.of("Content-Range", "bytes " + first + "-" + last + "/" + ts.length));
            }
            return new StubHttp.Answer(200, "video/mp2t", ts);
        });
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    @Test
    void shouldPassCatchupThroughToTheProvidersArchiveInItsZone() {
        long sourceId = sources.create(new ScraperSourceInput(provider.url("/pt/"), SourceType.XTREAM, true, 60, null, 0,
                null, "alice", "s3cret")).id;
        ScrapeRun run = runner.run(sourceId);
        assertThat(run.error).isNull();
        long archived = channelId("xt:" + sourceId + ":501");
        long plain = channelId("xt:" + sourceId + ":502");
        assertThat(archive(archived)).containsExactly("3", "America/New_York");
        assertThat(archive(plain)).containsExactly("0", null);
        assertThat(runner.run(sourceId).updated).as("a re-import changes nothing").isZero();
        catalog.rebuild();

        String user = unique("ptline");
        create("/api/users", Map.of("username", user, "password", PASSWORD));
        JsonPath streams = given().queryParam("username", user).queryParam("password", PASSWORD)
                .queryParam("action", "get_live_streams").get("/player_api.php").then().statusCode(200).extract()
                .jsonPath();
        assertThat(streams.getInt("find { it.stream_id == " + archived + " }.tv_archive")).isEqualTo(1);
        assertThat(streams.getInt("find { it.stream_id == " + archived + " }.tv_archive_duration")).isEqualTo(3);
        assertThat(streams.getInt("find { it.stream_id == " + plain + " }.tv_archive")).isZero();

        // a start our apps send in our zone (Europe/Rome), which the provider reads in New York's
        Instant start = Instant.now().minus(20, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
        String ours = START.format(start.atZone(ZoneId.of("Europe/Rome")));
        String theirs = START.format(start.atZone(ZoneId.of("America/New_York")));
        assertThat(ours).isNotEqualTo(theirs);

        Response whole = given().get("/timeshift/" + user + "/" + PASSWORD + "/90/" + ours + "/" + archived + ".ts");
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.asByteArray()).isEqualTo(ts);
        assertThat(whole.header("Content-Length")).isEqualTo(Integer.toString(ts.length));
        assertThat(asked).last().isEqualTo("/pt/timeshift/alice/s3cret/90/" + theirs + "/501.ts");

        Response part = given().header("Range", "bytes=188-375")
                .get("/streaming/timeshift.php?username=" + user + "&password=" + PASSWORD + "&stream=" + archived
                        + "&start=" + start.getEpochSecond() + "&duration=30");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.header("Content-Range")).isEqualTo("bytes 188-375/" + ts.length);
        assertThat(part.asByteArray()).isEqualTo(Arrays.copyOfRange(ts, 188, 376));
        assertThat(asked).last().isEqualTo("/pt/timeshift/alice/s3cret/30/" + theirs + "/501.ts");

        Response missing = given().get("/timeshift/" + user + "/" + PASSWORD + "/77/" + ours + "/" + archived + ".ts");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.jsonPath().getString("code")).isEqualTo("provider_not_archived");
        assertThat(missing.asString()).doesNotContain("alice", "s3cret", "127.0.0.1", "/pt/", "timeshift/");

        int before = asked.size();
        Response wrong = given().get("/timeshift/" + user + "/wrong/90/" + ours + "/" + archived + ".ts");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(asked).hasSize(before);

        // a channel neither we nor its provider archive, and a start before the provider's days
        given().get("/timeshift/" + user + "/" + PASSWORD + "/90/" + ours + "/" + plain + ".ts").then().statusCode(404);
        String old = START.format(Instant.now().minus(4, ChronoUnit.DAYS).atZone(ZoneId.of("Europe/Rome")));
        Response tooOld = given().get("/timeshift/" + user + "/" + PASSWORD + "/90/" + old + "/" + archived + ".ts");
        assertThat(tooOld.statusCode()).isEqualTo(404);
        assertThat(tooOld.jsonPath().getString("code")).isEqualTo("before_archive");
        assertThat(asked).hasSize(before);
    }

    private static long channelId(String scrapeKey) {
        return QuarkusTransaction.requiringNew().call(() -> Channel.<Channel> find("scrapeKey", scrapeKey).firstResult().id);
    }

    private static List<String> archive(long channelId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ChannelSource s = Channel.getEntityManager()
                    .createQuery("from ChannelSource s where s.channel.id = :id", ChannelSource.class)
                    .setParameter("id", channelId).getSingleResult();
            return Arrays.asList(Integer.toString(s.archiveDays), s.archiveTimeZone);
        });
    }
}
