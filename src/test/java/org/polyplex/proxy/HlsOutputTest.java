package org.polyplex.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.createChannel;
import static org.polyplex.testsupport.AdminApi.unique;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.polyplex.testsupport.TsFixtures;
import org.polyplex.testsupport.TsServer;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.vertx.core.Vertx;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * HLS output end to end: the {@code .m3u8} form, token URLs, the live media playlist, segments,
 * cache headers, connection counting of HLS viewers, and ffmpeg playing it as an HLS client.
 * Segments are 1 s here so that the tests do not wait for the 4 s default.
 */
@QuarkusTest
@Tag("media")
@TestProfile(HlsOutputTest.ShortSegments.class)
class HlsOutputTest {

    /** One-second segments and a three-second activity window. */
    public static class ShortSegments implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("polyplex.proxy.hls-output.target-duration", "1s",
                    "polyplex.proxy.hls-output.window-segments", "5",
                    "polyplex.proxy.hls-output.viewer-window", "3s",
                    "polyplex.proxy.session.linger", "1s");
        }
    }

    private static final String PASSWORD = "hls-s3cret";
    private static final Pattern TOKEN_PATH = Pattern.compile("^/hls/([A-Za-z0-9_-]{24})/([0-9]+)\\.m3u8$");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static Vertx vertx;
    private static TsServer upstream;
    private static long channel;
    private static long other;

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void fixtures() {
        if (upstream != null) {
            return;
        }
        vertx = Vertx.vertx();
        upstream = new TsServer(vertx, 1_000_000).stream("a", TsFixtures.read(TsFixtures.h264(30, 600))).start();
        channel = createChannel("hls", upstream.url("/live/a"));
        other = createChannel("hls-other", upstream.url("/live/a"));
    }

    @AfterAll
    static void stopUpstream() {
        if (vertx != null) {
            vertx.close();
        }
    }

    private String user(int maxConnections) {
        String name = unique("hlsviewer");
        create("/api/users", Map.of("username", name, "password", PASSWORD, "maxConnections", maxConnections));
        return name;
    }

    private String root() {
        return base.toString().replaceAll("/$", "");
    }

    private HttpResponse<byte[]> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(root() + path)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    private static HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens the channel's .m3u8 and returns the token playlist path it redirects to. */
    private String open(String user, long channelId) {
        HttpResponse<byte[]> answer = get("/live/%s/%s/%d.m3u8".formatted(user, PASSWORD, channelId));
        assertThat(answer.statusCode()).as(new String(answer.body())).isEqualTo(302);
        assertThat(answer.headers().firstValue("cache-control")).hasValue("no-store");
        String location = answer.headers().firstValue("location").orElseThrow();
        assertThat(location).matches(TOKEN_PATH).doesNotContain(PASSWORD).doesNotContain(user);
        return location;
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static int activeCons(String user) {
        return Integer.parseInt(given().queryParam("username", user).queryParam("password", PASSWORD)
                .get("/player_api.php").then().statusCode(200).extract().jsonPath().getString("user_info.active_cons"));
    }

    private static void await(String what, int seconds, BooleanSupplier condition) {
        Awaitility.await(what).atMost(Duration.ofSeconds(seconds)).pollInterval(Duration.ofMillis(100))
                .until(condition::getAsBoolean);
    }

    @Test
    void tokenPlaylistIsAValidLiveMediaPlaylistWithCacheableKeyframeSegments() throws Exception {
        String user = user(1);
        String playlistPath = open(user, channel);
        HttpResponse<byte[]> playlist = get(playlistPath);
        assertThat(playlist.statusCode()).isEqualTo(200);
        assertThat(playlist.headers().firstValue("content-type")).hasValue("application/vnd.apple.mpegurl");
        assertThat(playlist.headers().firstValue("cache-control")).hasValue("no-cache");
        List<Long> sequences = MediaPlaylists.validate(text(playlist), 1);
        assertThat(text(playlist)).doesNotContain(PASSWORD).doesNotContain("#EXT-X-ENDLIST");

        String segmentDir = playlistPath.substring(0, playlistPath.length() - ".m3u8".length()) + "/";
        long newest = sequences.get(sequences.size() - 1);
        HttpResponse<byte[]> segment = get(segmentDir + newest + ".ts");
        assertThat(segment.statusCode()).isEqualTo(200);
        assertThat(segment.headers().firstValue("content-type")).hasValue("video/mp2t");
        assertThat(segment.headers().firstValue("cache-control").orElseThrow()).contains("max-age=5")
                .doesNotContain("no-");
        Path file = Files.createTempFile("hls-segment", ".ts");
        Files.write(file, segment.body());
        assertThat(TsFixtures.firstVideoFrames(file, 1)).as("a segment starts on a keyframe").first().asString()
                .startsWith("1,I");
        assertThat(TsFixtures.decodeErrors(file)).isEmpty();

        HttpResponse<byte[]> future = get(segmentDir + (newest + 1000) + ".ts");
        assertThat(future.statusCode()).as("a segment not produced yet").isEqualTo(404);
        assertThat(future.headers().firstValue("cache-control")).hasValue("no-store");

        HttpResponse<byte[]> head = send(HttpRequest.newBuilder(URI.create(root() + segmentDir + newest + ".ts"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();

        // the playlist moves on, and the same segment sequence always has the same bytes
        await("a newer segment", 15, () -> MediaPlaylists.validate(text(get(playlistPath)), 1).contains(newest + 1));
        assertThat(get(segmentDir + newest + ".ts").body()).isEqualTo(segment.body());
    }

    @Test
    void ffmpegPlaysTheM3u8UrlAsAnHlsClient() throws Exception {
        String user = user(1);
        String url = root() + "/live/%s/%s/%d.m3u8".formatted(user, PASSWORD, channel);
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-i", url, "-t", "4",
                "-f", "null", "-").redirectErrorStream(true).start();
        List<String> output;
        try (var reader = ffmpeg.inputReader()) {
            output = reader.lines().toList();
        }
        assertThat(ffmpeg.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as("ffmpeg errors").isEmpty();
        assertThat(ffmpeg.exitValue()).isZero();
    }

    @Test
    void aTsAndAnHlsPlayerOfOneHomeOnOneChannelShareOneSlotAndBothPlay() throws Exception {
        String user = user(1);
        HttpResponse<InputStream> ts = ProxyHarness.play(root(), "/live/%s/%s/%d.ts".formatted(user, PASSWORD, channel));
        assertThat(ts.statusCode()).isEqualTo(200);
        ProxyHarness.Reading tv = ProxyHarness.reading(ts);
        tv.awaitMore(188, Duration.ofSeconds(10));
        String path = open(user, channel);
        assertThat(open(user, channel)).as("a second HLS player of the home gets the same token").isEqualTo(path);
        assertThat(activeCons(user)).as("one line, one channel, one address: one slot").isEqualTo(1);
        assertThat(asAdmin().get("/api/sessions").then().statusCode(200).extract().jsonPath()
                .getList("viewers.findAll { it.username == '" + user + "' }.slot", Integer.class))
                .as("a TS and an HLS viewer in one slot").hasSize(2).containsOnly(
                        asAdmin().get("/api/sessions").then().extract().jsonPath()
                                .getInt("viewers.find { it.username == '" + user + "' && it.protocol == 'ts' }.slot"));

        ProxyHarness.FfmpegPlayer hls = ProxyHarness.ffmpeg(root() + "/live/%s/%s/%d.m3u8".formatted(user, PASSWORD,
                channel), 4);
        try {
            assertThat(hls.frames(Duration.ofSeconds(60))).as("ffmpeg decoded 4 s of HLS (errors %s)", hls.errors())
                    .isGreaterThanOrEqualTo(4 * 25 * 9 / 10);
        } finally {
            hls.stop();
        }
        assertThat(tv.ended()).as("the TS player was not ended").isFalse();
        tv.awaitMore(188 * 500, Duration.ofSeconds(10));
        assertThat(activeCons(user)).isEqualTo(1);
        tv.close();
    }

    @Test
    void unknownTokensAndOtherChannelsAnswer404WithoutCaching() {
        HttpResponse<byte[]> unknown = get("/hls/AAAAAAAAAAAAAAAAAAAAAAAA/%d.m3u8".formatted(channel));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("cache-control")).hasValue("no-store");
        assertThat(text(unknown)).contains("hls_token_unknown");
        String path = open(user(1), channel);
        String token = TOKEN_PATH.matcher(path).results().findFirst().orElseThrow().group(1);
        assertThat(get("/hls/%s/%d.m3u8".formatted(token, other)).statusCode()).as("the token is for one channel")
                .isEqualTo(404);
        assertThat(get("/hls/%s/%d/0.ts".formatted(token, other)).statusCode()).isEqualTo(404);
        given().get("/live/{u}/wrong/{id}.m3u8", "nobody", channel).then().statusCode(401);
    }

    @Test
    void hlsViewersCountTowardTheLimitUntilTheyStopAsking() {
        String user = user(1);
        given().head("/live/{u}/{p}/{id}.m3u8", user, PASSWORD, channel).then().statusCode(200)
                .contentType("application/vnd.apple.mpegurl");
        assertThat(activeCons(user)).as("a HEAD probe is not a viewer").isZero();

        String path = open(user, channel);
        assertThat(get(path).statusCode()).isEqualTo(200);
        assertThat(activeCons(user)).isEqualTo(1);
        assertThat(open(user, channel)).as("the same player asking again keeps its token").isEqualTo(path);
        assertThat(activeCons(user)).isEqualTo(1);
        asAdmin().get("/api/sessions").then().statusCode(200)
                .body("viewers.find { it.username == '" + user + "' }.protocol", equalTo("hls"));

        // no request for the activity window (3 s): the viewer is gone and its token with it
        await("the idle HLS viewer expires", 15, () -> activeCons(user) == 0);
        assertThat(get(path).statusCode()).isEqualTo(404);
    }

    @Test
    void anHlsViewerOverTheLimitIsRefusedBeforeAnyToken() {
        String user = user(1);
        HttpResponse<InputStream> ts = ProxyHarness.play(root(), "/live/%s/%s/%d.ts".formatted(user, PASSWORD, other));
        ProxyHarness.read(ts, 188);
        HttpResponse<byte[]> refused = get("/live/%s/%s/%d.m3u8".formatted(user, PASSWORD, channel));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("location")).isEmpty();
        assertThat(text(refused)).contains("max_connections");
        ProxyHarness.closeStream(ts);
    }

    @Test
    void zappingToAnotherChannelReplacesThePlayersHlsViewer() {
        String user = user(1);
        String first = open(user, channel);
        String second = open(user, other);
        assertThat(second).isNotEqualTo(first);
        assertThat(activeCons(user)).isEqualTo(1);
        await("the replaced token stops working", 10, () -> get(first).statusCode() == 404);
        assertThat(get(second).statusCode()).isEqualTo(200);
    }

    @Test
    void anAdminKickEndsTheToken() {
        String user = user(2);
        String path = open(user, channel);
        int viewerId = asAdmin().get("/api/sessions").then().statusCode(200).extract().jsonPath()
                .getInt("viewers.find { it.username == '" + user + "' }.id");
        asAdmin().delete("/api/sessions/{id}", viewerId).then().statusCode(204);
        await("the kicked token stops working", 10, () -> get(path).statusCode() == 404);
        assertThat(activeCons(user)).isZero();
    }

    /** A strict reader of live media playlists (RFC 8216), as much as players rely on. */
    static final class MediaPlaylists {

        private static final Pattern EXTINF = Pattern.compile("^#EXTINF:([0-9]+(?:\\.[0-9]+)?),$");
        private static final Pattern URI_LINE = Pattern.compile("^([0-9]+)/([0-9]+)\\.ts$");

        private MediaPlaylists() {
        }

        /** Checks the playlist and returns its segment sequence numbers, in order. */
        static List<Long> validate(String text, long targetSeconds) {
            String[] lines = text.split("\n");
            assertThat(lines[0]).isEqualTo("#EXTM3U");
            long target = -1;
            long mediaSequence = -1;
            Double pending = null;
            List<Long> sequences = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i];
                if (line.startsWith("#EXT-X-TARGETDURATION:")) {
                    target = Long.parseLong(line.substring(22));
                } else if (line.startsWith("#EXT-X-MEDIA-SEQUENCE:")) {
                    mediaSequence = Long.parseLong(line.substring(22));
                } else if (line.startsWith("#EXTINF:")) {
                    Matcher m = EXTINF.matcher(line);
                    assertThat(m.matches()).as(line).isTrue();
                    pending = Double.parseDouble(m.group(1));
                } else if (!line.startsWith("#")) {
                    assertThat(pending).as("EXTINF before " + line).isNotNull();
                    assertThat(Math.round(pending)).as("EXTINF rounded <= target duration").isLessThanOrEqualTo(target);
                    Matcher m = URI_LINE.matcher(line);
                    assertThat(m.matches()).as(line).isTrue();
                    sequences.add(Long.parseLong(m.group(2)));
                    pending = null;
                } else {
                    assertThat(line).matches("#EXT-X-(VERSION:3|DISCONTINUITY|DISCONTINUITY-SEQUENCE:[0-9]+)");
                }
            }
            assertThat(target).isGreaterThanOrEqualTo(targetSeconds);
            assertThat(sequences).isNotEmpty();
            assertThat(sequences.get(0)).isEqualTo(mediaSequence);
            for (int i = 1; i < sequences.size(); i++) {
                assertThat(sequences.get(i)).isEqualTo(sequences.get(i - 1) + 1);
            }
            return sequences;
        }
    }
}
