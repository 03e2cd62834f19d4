package org.polyplex.archive.serve;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.unique;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.polyplex.archive.store.ArchiveStore;
import org.polyplex.proxy.ProxyHarness;
import org.polyplex.testsupport.TsFixtures;
import org.polyplex.testsupport.TsServer;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import io.vertx.core.Vertx;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

/**
 * Catch-up over real HTTP against the real archive store holding real ffmpeg TS: ffprobe plays a
 * window and a Range from its middle, the {@code Europe/Rome} server ({@code %test} time zone)
 * reads local times across both DST changes of 2026, bad input gets a short 4xx, a line watching
 * live with one connection cannot open a catch-up, and a line limited to m3u8 gets the TS refused.
 */
@QuarkusTest
class TimeshiftRoutesTest {

    private static final String PASSWORD = "p4ss~word";
    private static final Duration FILE = Duration.ofMinutes(10);
    private static Vertx vertx;

    @Inject
    ArchiveStore store;

    @TestHTTPResource("/")
    URL base;

    private String user;
    private long channel;
    private Instant recent;

    @AfterAll
    static void closeVertx() {
        if (vertx != null) {
            vertx.close();
        }
    }

    /** A line and an archived channel with two 10-minute files ending about a minute ago. */
    @BeforeEach
    void archive() {
        user = unique("catchup");
        create("/api/users", Map.of("username", user, "password", PASSWORD, "maxConnections", 2));
        channel = create("/api/channels", Map.of("name", unique("archived"), "archiveDays", 7, "sources",
                List.of(Map.of("url", "http://127.0.0.1:9/none.ts"))));
        // the archive directory outlives the in-memory database, whose ids start again each run
        store.pruneBefore(channel, Instant.now().plus(Duration.ofDays(3650)));
        CatchupFixtures.Gops gops = CatchupFixtures.gops(TsFixtures.h264(16, 400));
        recent = Instant.now().minus(Duration.ofMinutes(21)).truncatedTo(ChronoUnit.MINUTES);
        CatchupFixtures.file(store, channel, recent, FILE, gops, 0, 8);
        CatchupFixtures.file(store, channel, recent.plus(FILE), FILE, gops, 8, 8);
    }

    private String path(String u, String p, int minutes, String start, long id) {
        return "/timeshift/" + u + "/" + p + "/" + minutes + "/" + start + "/" + id + ".ts";
    }

    private static String unix(Instant instant) {
        return Long.toString(instant.getEpochSecond());
    }

    @Test
    void shouldServeTheWindowAsOnePlayableTsWithItsLength() throws IOException {
        Response response = given().get(path(user, PASSWORD, 20, unix(recent), channel));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("video/mp2t");
        assertThat(response.header("Accept-Ranges")).isEqualTo("bytes");
        byte[] body = response.asByteArray();
        long total = store.files(channel, recent, recent.plus(FILE.multipliedBy(2))).stream()
                .mapToLong(ArchiveStore.ArchiveFile::size).sum();
        assertThat(body).hasSize((int) total);
        assertThat(response.header("Content-Length")).isEqualTo(Long.toString(total));
        Path played = write(body, "window");
        assertThat(TsFixtures.firstVideoFrames(played, 1).get(0)).startsWith("1,I");
        assertThat(TsFixtures.decodeErrors(played)).isEmpty();
        assertThat(decodedFrames(played)).isEqualTo(16 * 25);
    }

    @Test
    void shouldSeekToTheKeyframeBeforeTheStartInsideAFile() throws IOException {
        // the first file's chunks are about 86 s apart: asking 3 minutes in starts at its third GOP
        byte[] body = given().get(path(user, PASSWORD, 5, unix(recent.plus(Duration.ofMinutes(3))), channel))
                .then().statusCode(200).extract().asByteArray();
        Path played = write(body, "seek");
        assertThat(TsFixtures.firstVideoFrames(played, 1).get(0)).startsWith("1,I");
        assertThat(TsFixtures.decodeErrors(played)).isEmpty();
        assertThat(decodedFrames(played)).isEqualTo(6 * 25);
    }

    @Test
    void shouldAnswerARangeFromTheMiddleThatStillDecodes() throws IOException {
        String url = path(user, PASSWORD, 20, unix(recent), channel);
        long total = Long.parseLong(given().head(url).then().statusCode(200).extract().header("Content-Length"));
        long from = (total / 2 / 188) * 188 + 7;
        Response part = given().header("Range", "bytes=" + from + "-").get(url);
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.header("Content-Range")).isEqualTo("bytes " + from + "-" + (total - 1) + "/" + total);
        byte[] whole = given().get(url).asByteArray();
        byte[] tail = part.asByteArray();
        assertThat(tail).hasSize((int) (total - from));
        assertThat(tail).isEqualTo(Arrays.copyOfRange(whole, (int) from, (int) total));
        assertThat(decodedFrames(write(tail, "range"))).as("frames decoded after the seek").isGreaterThan(100);

        given().header("Range", "bytes=100-199").get(url).then().statusCode(206)
                .header("Content-Length", "100").header("Content-Range", "bytes 100-199/" + total);
        given().header("Range", "bytes=" + total + "-").get(url).then().statusCode(416)
                .header("Content-Range", "bytes */" + total).body("code", equalTo("range_not_satisfiable"));
    }

    @Test
    void shouldReadLocalTimesOfARomeServerAcrossBothDstChanges() {
        // 2026-10-25: 03:00 CEST goes back to 02:00 CET; 2026-03-29: 02:00 CET jumps to 03:00 CEST
        Instant autumn = Instant.parse("2026-10-24T22:30:00Z");
        Path[] hours = new Path[5];
        CatchupFixtures.Gops gops = CatchupFixtures.gops(TsFixtures.h264(3, 300));
        for (int i = 0; i < hours.length; i++) {
            hours[i] = CatchupFixtures.file(store, channel, autumn.plus(Duration.ofHours(i)), Duration.ofMinutes(59),
                    gops, 2 + i % 3);
        }
        // 00:30 CEST = 22:30Z; 01:30 CEST = 23:30Z; 02:30 is shown twice: first 00:30Z (CEST), then 01:30Z
        assertThat(body(path(user, PASSWORD, 30, "2026-10-25:00-30", channel))).isEqualTo(bytes(hours[0]));
        assertThat(body(path(user, PASSWORD, 30, "2026-10-25:01-30", channel))).isEqualTo(bytes(hours[1]));
        assertThat(body(path(user, PASSWORD, 30, "2026-10-25:02-30", channel))).isEqualTo(bytes(hours[2]));
        assertThat(body(path(user, PASSWORD, 30, "2026-10-25:03-30", channel))).isEqualTo(bytes(hours[4]));
        // the second 02:30 only as a Unix time; the readable query form reads like the path form
        assertThat(body("/streaming/timeshift.php?username=" + user + "&password=" + PASSWORD + "&stream=" + channel
                + "&start=" + unix(Instant.parse("2026-10-25T01:30:00Z")) + "&duration=30"))
                .isEqualTo(bytes(hours[3]));
        assertThat(body("/streaming/timeshift.php?username=" + user + "&password=" + PASSWORD + "&stream=" + channel
                + ".ts&start=2026-10-25 01:30:00&duration=30")).isEqualTo(bytes(hours[1]));
        // two real hours from 01:30 local: 23:30Z to 01:30Z, past the repeated hour's first pass
        assertThat(body(path(user, PASSWORD, 120, "2026-10-25:01-30", channel)))
                .isEqualTo(concat(bytes(hours[1]), bytes(hours[2])));

        Instant spring = Instant.parse("2026-03-28T23:30:00Z");
        Path[] march = new Path[3];
        for (int i = 0; i < march.length; i++) {
            march[i] = CatchupFixtures.file(store, channel, spring.plus(Duration.ofHours(i)), Duration.ofMinutes(59),
                    gops, 2 + i);
        }
        // 00:30 CET = 23:30Z; 01:30 CET = 00:30Z; 02:30 does not exist: read as 03:30 CEST = 01:30Z
        assertThat(body(path(user, PASSWORD, 30, "2026-03-29:00-30", channel))).isEqualTo(bytes(march[0]));
        assertThat(body(path(user, PASSWORD, 30, "2026-03-29:01-30", channel))).isEqualTo(bytes(march[1]));
        assertThat(body(path(user, PASSWORD, 30, "2026-03-29:02-30", channel))).isEqualTo(bytes(march[2]));
        assertThat(body(path(user, PASSWORD, 30, "2026-03-29:03-30", channel))).isEqualTo(bytes(march[2]));
    }

    @Test
    void shouldRefuseBadInputWithAShortClientError() {
        String now = unix(Instant.now());
        long bare = create("/api/channels", Map.of("name", unique("bare"), "sources",
                List.of(Map.of("url", "http://127.0.0.1:9/none.ts"))));
        refused(path(user, PASSWORD, 30, unix(Instant.now().plusSeconds(600)), channel), 400, "start_in_future");
        refused(path(user, PASSWORD, 30, unix(recent.minus(Duration.ofDays(2))), channel), 404, "before_archive");
        refused(path(user, PASSWORD, 30, "2026-13-01:10-00", channel), 400, "bad_start");
        refused(path(user, PASSWORD, 30, "2026-02-30:10-00", channel), 400, "bad_start");
        refused(path(user, PASSWORD, 30, "yesterday", channel), 400, "bad_start");
        refused(path(user, PASSWORD, 30, "2026-10-25:1-30", channel), 400, "bad_start");
        refused(path(user, PASSWORD, 0, now, channel), 400, "bad_duration");
        refused(path(user, PASSWORD, 1441, now, channel), 400, "duration_too_long");
        refused("/timeshift/" + user + "/" + PASSWORD + "/99999999999999999999/" + now + "/" + channel + ".ts", 400,
                "bad_duration");
        refused("/timeshift/" + user + "/" + PASSWORD + "/-5/" + now + "/" + channel + ".ts", 400, "bad_duration");
        refused(path(user, PASSWORD, 30, now, 987_654_321L), 404, "channel_not_found");
        refused(path(user, PASSWORD, 30, now, bare), 404, "no_archive");
        refused("/timeshift/" + user + "/" + PASSWORD + "/30/" + now + "/abc.ts", 400, "bad_stream");
        refused(path(user, "wrong", 30, now, channel), 401, "unauthorized");
        refused("/streaming/timeshift.php?username=" + user + "&password=" + PASSWORD + "&stream=" + channel
                + "&duration=30", 400, "bad_start");
        refused("/streaming/timeshift.php?username=" + user + "&stream=" + channel + "&start=" + now
                + "&duration=30", 401, "unauthorized");
    }

    private void refused(String url, int status, String code) {
        Response response = given().get(url);
        assertThat(response.statusCode()).as(url).isEqualTo(status);
        assertThat(response.jsonPath().getString("code")).as(url).isEqualTo(code);
        String text = response.asString();
        assertThat(text).doesNotContain(PASSWORD).doesNotContain("Exception").doesNotContain("at org.")
                .doesNotContain("SQL").hasSizeLessThan(300);
    }

    @Test
    void shouldCountACatchupAgainstTheLineConnectionLimit() {
        vertx = vertx == null ? Vertx.vertx() : vertx;
        TsServer upstream = new TsServer(vertx, 2_000_000).stream("c", TsFixtures.read(TsFixtures.h264(6, 600)))
                .start();
        String single = unique("single");
        create("/api/users", Map.of("username", single, "password", PASSWORD, "maxConnections", 1));
        // the archive is written before the channel is archived: once it is, its recorder holds the open file
        String name = unique("live-archived");
        List<Map<String, String>> sources = List.of(Map.of("url", upstream.url("/live/c")));
        long live = create("/api/channels", Map.of("name", name, "sources", sources));
        CatchupFixtures.file(store, live, recent, FILE, CatchupFixtures.gops(TsFixtures.h264(4, 300)), 4);
        asAdmin().contentType("application/json").body(Map.of("name", name, "archiveDays", 3, "sources", sources))
                .put("/api/channels/{id}", live).then().statusCode(200);
        String root = base.toString().replaceAll("/$", "");
        HttpResponse<InputStream> watching = ProxyHarness.play(root, "/live/%s/%s/%d.ts".formatted(single, PASSWORD,
                live));
        assertThat(watching.statusCode()).isEqualTo(200);
        ProxyHarness.read(watching, 188 * 10);
        // the same channel's archive from the same address is a second connection, not a share of the live one
        refused(path(single, PASSWORD, 10, unix(recent), live), 403, "max_connections");
        ProxyHarness.closeStream(watching);
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(
                () -> given().get(path(single, PASSWORD, 10, unix(recent), live)).then().statusCode(200));
        // a finished catch-up gives its slot back: live plays again
        HttpResponse<InputStream> again = ProxyHarness.play(root, "/live/%s/%s/%d.ts".formatted(single, PASSWORD,
                live));
        assertThat(again.statusCode()).isEqualTo(200);
        ProxyHarness.closeStream(again);
    }

    @Test
    void shouldHoldTheSlotWhileACatchupPlaysAndGiveItBackWhenThePlayerLeaves() throws Exception {
        vertx = vertx == null ? Vertx.vertx() : vertx;
        TsServer upstream = new TsServer(vertx, 2_000_000).stream("d", TsFixtures.read(TsFixtures.h264(6, 600)))
                .start();
        String single = unique("single");
        create("/api/users", Map.of("username", single, "password", PASSWORD, "maxConnections", 1));
        long live = create("/api/channels", Map.of("name", unique("held"), "archiveDays", 3, "sources",
                List.of(Map.of("url", upstream.url("/live/d")))));
        store.pruneBefore(live, Instant.now().plus(Duration.ofDays(3650)));
        // about 25 MB: more than loopback socket buffers hold, so the answer waits for its reader
        CatchupFixtures.file(store, live, recent, FILE, CatchupFixtures.gops(TsFixtures.h264(16, 400)), 500);
        String root = base.toString().replaceAll("/$", "");
        URL url = new URL(root + path(single, PASSWORD, 10, unix(recent), live));
        try (Socket player = new Socket(url.getHost(), url.getPort())) {
            player.getOutputStream().write(("GET " + url.getFile() + " HTTP/1.1\r\nHost: " + url.getHost()
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] head = new byte[12];
            assertThat(player.getInputStream().readNBytes(head, 0, 12)).isEqualTo(12);
            assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
            // the catch-up holds the line's one slot: live is refused while it plays
            HttpResponse<InputStream> refused = ProxyHarness.play(root,
                    "/live/%s/%s/%d.ts".formatted(single, PASSWORD, live));
            assertThat(refused.statusCode()).isEqualTo(403);
            refused.body().close();
        }
        // the player hung up mid-answer: its slot comes back
        await().atMost(15, TimeUnit.SECONDS).untilAsserted(() -> {
            HttpResponse<InputStream> again = ProxyHarness.play(root,
                    "/live/%s/%s/%d.ts".formatted(single, PASSWORD, live));
            try {
                assertThat(again.statusCode()).isEqualTo(200);
            } finally {
                ProxyHarness.closeStream(again);
            }
        });
    }

    @Test
    void shouldRefuseTheTsCatchupToALineLimitedToM3u8() {
        String hlsOnly = unique("hlsonly");
        create("/api/users", Map.of("username", hlsOnly, "password", PASSWORD, "access",
                Map.of("formats", List.of("m3u8"))));
        refused(path(hlsOnly, PASSWORD, 10, unix(recent), channel), 403, "format_not_allowed");
    }

    private static long decodedFrames(Path file) {
        try {
            Process process = new ProcessBuilder("ffprobe", "-v", "quiet", "-select_streams", "v:0", "-count_frames",
                    "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", file.toString())
                    .redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes()).trim();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return Long.parseLong(out.lines().findFirst().orElse("").replaceAll("[^0-9]", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path write(byte[] body, String name) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "catchup"));
        return Files.write(dir.resolve(name + "-" + System.nanoTime() + ".ts"), body);
    }

    private static byte[] body(String url) {
        return given().get(url).then().statusCode(200).extract().asByteArray();
    }

    private static byte[] bytes(Path file) {
        return TsFixtures.read(file);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
