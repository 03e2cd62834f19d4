package org.polyplex.camera.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.unique;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.polyplex.proxy.ProxyHarness;
import org.polyplex.scraping.StubHttp;
import org.polyplex.testsupport.LogCapture;
import org.polyplex.testsupport.RtspTestServer;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * {@code /api/cameras} on a running node with the GStreamer test camera: create with the linked
 * channel, a TS viewer of that channel, health online / offline / wrong credentials, snapshots
 * (decodable, cached, single grab), and the password in no answer, log line or metric.
 */
@QuarkusTest
class CameraApiTest {

    private static final String PASSWORD = "cam-pw-Zq81";
    private static final String LINE_PASSWORD = "line-pw-1";

    @TestHTTPResource("/")
    URL base;

    @Test
    void shouldCreateACameraWhoseChannelPlaysItsHealthAndSnapshot() throws Exception {
        try (RtspTestServer camera = RtspTestServer.withCredentials("admin", PASSWORD, "digest");
                LogCapture logs = LogCapture.start()) {
            // credentials in the URL's user info move into the encrypted field
            String url = camera.url().replace("rtsp://", "rtsp://admin:" + PASSWORD + "@");
            JsonPath created = asAdmin().body(Map.of("name", unique("cam"), "url", url, "transport", "tcp"))
                    .when().post("/api/cameras").then().statusCode(201).extract().jsonPath();
            long id = created.getLong("id");
            long channelId = created.getLong("channelId");
            assertThat(created.getString("url")).isEqualTo(camera.url());
            assertThat(created.getString("username")).isEqualTo("admin");
            assertThat(created.getBoolean("hasPassword")).isTrue();
            assertThat(created.getString("health")).isIn("online", "offline", "degraded");
            String channelSource = asAdmin().when().get("/api/channels/" + channelId).then().statusCode(200).extract()
                    .jsonPath().getString("sources[0].url");
            assertThat(channelSource).isEqualTo("camera://" + id);

            JsonPath probed = probe(id);
            assertThat(probed.getString("health")).isEqualTo("online");
            assertThat(probed.getString("lastSeen")).isNotNull();
            assertThat(probed.getString("lastError")).isNull();

            // a TS viewer of the camera's channel decodes it
            assertThat(framesOf(channelId)).as("3 s of the camera").isGreaterThanOrEqualTo(40);

            // snapshots: a decodable JPEG; two admins at once and one within the cache time share one grab
            double grabsBefore = grabs(id);
            CompletableFuture<byte[]> first = CompletableFuture.supplyAsync(() -> snapshot(id));
            CompletableFuture<byte[]> second = CompletableFuture.supplyAsync(() -> snapshot(id));
            byte[] jpeg = first.get(30, TimeUnit.SECONDS);
            assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(jpeg);
            assertThat(snapshot(id)).isEqualTo(jpeg);
            assertThat(grabs(id) - grabsBefore).as("ffmpeg grabs").isEqualTo(1.0);
            Path file = Files.createTempFile("snapshot", ".jpg");
            Files.write(file, jpeg);
            assertThat(ffprobe(file)).contains("codec_name=mjpeg").contains("width=640");

            // the camera goes away: offline, and the snapshot is a clear 502 once the cache expired
            camera.stop();
            JsonPath gone = probe(id);
            assertThat(gone.getString("health")).isEqualTo("offline");
            assertThat(gone.getString("lastError")).contains("cannot connect");
            assertThat(gone.getString("lastSeen")).isEqualTo(probed.getString("lastSeen"));
            camera.start();
            assertThat(probe(id).getString("health")).isEqualTo("online");

            String answers = asAdmin().when().get("/api/cameras/" + id).then().statusCode(200).extract().asString()
                    + asAdmin().when().get("/api/cameras").then().statusCode(200).extract().asString()
                    + asAdmin().when().get("/api/channels/" + channelId).then().extract().asString();
            String metrics = given().when().get("/q/metrics").then().extract().asString();
            assertThat(metrics).contains("polyplex_camera_up{camera=\"" + id + "\"}");
            assertThat(answers + metrics + logs.text()).doesNotContain(PASSWORD);
        }
    }

    /** A camera listed in a playlist: the import keeps its rtsp:// URL and the channel plays it. */
    @Test
    void shouldPlayAnRtspUrlImportedFromAnM3uPlaylist() {
        try (RtspTestServer camera = RtspTestServer.open(); StubHttp lists = new StubHttp()) {
            String name = unique("Yard camera");
            lists.serve("/cams.m3u", "audio/x-mpegurl", "#EXTM3U\n#EXTINF:-1 tvg-id=\"" + name + "\" group-title=\"Cameras\","
                    + name + "\n" + camera.url() + "\n");
            Map<String, Object> source = new HashMap<>(Map.of("url", lists.url("/cams.m3u"), "type", "m3u",
                    "intervalMinutes", 60));
            long sourceId = create("/api/scraper-sources", source);
            asAdmin().when().post("/api/scraper-sources/" + sourceId + "/run").then().statusCode(200)
                    .body("added", org.hamcrest.Matchers.equalTo(1));
            JsonPath found = asAdmin().when().get("/api/channels?q=" + name).then().statusCode(200).extract().jsonPath();
            long channelId = found.getLong("[0].id");
            assertThat(found.getString("[0].name")).isEqualTo(name);
            assertThat(asAdmin().when().get("/api/channels/" + channelId).then().extract().jsonPath()
                    .getString("sources[0].url")).isEqualTo(camera.url());
            assertThat(framesOf(channelId)).as("3 s of the listed camera").isGreaterThanOrEqualTo(40);
        }
    }

    /** Frames ffmpeg decodes in 3 s of the channel, watched through a new line's /live URL. */
    private long framesOf(long channelId) {
        String user = unique("line");
        create("/api/users", Map.of("username", user, "password", LINE_PASSWORD, "maxConnections", 2));
        String root = base.toString().replaceAll("/$", "");
        return ProxyHarness.ffmpeg(root + "/live/%s/%s/%d.ts".formatted(user, LINE_PASSWORD, channelId), 3)
                .frames(Duration.ofSeconds(40));
    }

    @Test
    void shouldReportWrongCredentialsAsOfflineWithAClearError() {
        try (RtspTestServer camera = RtspTestServer.withCredentials("admin", PASSWORD, "digest")) {
            long id = create("/api/cameras", Map.of("name", unique("cam"), "url", camera.url(), "username", "admin",
                    "password", "not-the-password"));

            JsonPath h = probe(id);

            assertThat(h.getString("health")).isEqualTo("offline");
            assertThat(h.getString("lastError")).contains("401").contains("wrong username or password");
            given().auth().oauth2(org.polyplex.testsupport.AdminApi.adminToken()).when()
                    .get("/api/cameras/" + id + "/snapshot").then().statusCode(502)
                    .body("code", org.hamcrest.Matchers.equalTo("snapshot_failed"))
                    .body("message", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("not-the-password")));
        }
    }

    @Test
    void shouldRefuseBadInputAndDeleteTheChannelWithTheCamera() {
        asAdmin().body(Map.of("name", unique("cam"), "url", "http://cam/live")).when().post("/api/cameras").then()
                .statusCode(400).body("field", org.hamcrest.Matchers.equalTo("url"));
        asAdmin().body(Map.of("name", unique("cam"), "url", "rtsp://cam/live", "transport", "sctp")).when()
                .post("/api/cameras").then().statusCode(400).body("field", org.hamcrest.Matchers.equalTo("transport"));
        asAdmin().body(Map.of("name", unique("cam"), "url", "rtsp://cam/live", "snapshotUrl", "ftp://cam/x")).when()
                .post("/api/cameras").then().statusCode(400).body("field", org.hamcrest.Matchers.equalTo("snapshotUrl"));
        String name = unique("cam");
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "url", "rtsp://cam/live", "transport", "udp"));
        JsonPath created = asAdmin().body(body).when().post("/api/cameras").then().statusCode(201).extract().jsonPath();
        assertThat(created.getString("transport")).isEqualTo("udp");
        assertThat(created.getBoolean("hasPassword")).isFalse();
        asAdmin().body(body).when().post("/api/cameras").then().statusCode(409);
        given().when().get("/api/cameras").then().statusCode(401);

        asAdmin().when().delete("/api/cameras/" + created.getLong("id")).then().statusCode(204);
        asAdmin().when().get("/api/cameras/" + created.getLong("id")).then().statusCode(404);
        asAdmin().when().get("/api/channels/" + created.getLong("channelId")).then().statusCode(404);
    }

    private static JsonPath probe(long id) {
        return asAdmin().when().post("/api/cameras/" + id + "/probe").then().statusCode(200).extract().jsonPath();
    }

    private static byte[] snapshot(long id) {
        return given().auth().oauth2(org.polyplex.testsupport.AdminApi.adminToken()).when()
                .get("/api/cameras/" + id + "/snapshot").then().statusCode(200).contentType("image/jpeg").extract()
                .asByteArray();
    }

    private static double grabs(long id) {
        String metrics = given().when().get("/q/metrics").then().extract().asString();
        String prefix = "polyplex_camera_snapshots_total{camera=\"" + id + "\",source=\"ffmpeg\"} ";
        return metrics.lines().filter(l -> l.startsWith(prefix))
                .mapToDouble(l -> Double.parseDouble(l.substring(prefix.length())))
                .findFirst().orElse(0);
    }

    private static String ffprobe(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "stream=codec_name,width", "-of",
                "default=noprint_wrappers=1", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
