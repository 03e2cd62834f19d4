package org.polyplex.restream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.createChannel;
import static org.polyplex.testsupport.AdminApi.unique;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.polyplex.platform.process.ProcessState;
import org.polyplex.platform.process.Supervisor;
import org.polyplex.testsupport.LogCapture;
import org.polyplex.testsupport.TsFixtures;
import org.polyplex.testsupport.TsServer;

import io.quarkus.test.junit.QuarkusTest;

import io.vertx.core.Vertx;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * Restream overlays end to end: a channel restreamed to nginx-rtmp on loopback with a 480p and a
 * copy destination. A text overlay drawn as a solid green box is seen in frames grabbed from the
 * 480p destination; a PUT of its text changes those frames within seconds while that
 * destination's ffmpeg keeps its pid; the copy destination reports it as not applied and its
 * command has no drawtext; deleting the overlay restarts the encoded ffmpeg; stopping removes the
 * files. Also the API's problem JSON for bad overlays and values.
 */
@QuarkusTest
class OverlayTest {

    private static final int W = 640;
    private static final int H = 480;

    private static Vertx vertx;
    private static TsServer upstream;
    private static NginxRtmp server;

    @Inject
    Supervisor supervisor;

    @BeforeAll
    static void servers() {
        vertx = Vertx.vertx();
        upstream = new TsServer(vertx, 700_000).stream("src", TsFixtures.read(TsFixtures.h264(10, 500))).start();
        server = new NginxRtmp(Path.of("target", "overlay-nginx")).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        upstream.close();
        vertx.close();
    }

    @AfterEach
    void stopEverything() {
        asAdmin().post("/api/restreams/stop-all").then().statusCode(200);
    }

    private static long destination(String key) {
        return create("/api/destinations", Map.of("name", unique("dest"), "preset", "custom", "url", server.url("dest"),
                "streamKey", key));
    }

    private static JsonPath restream(long id) {
        return asAdmin().get("/api/restreams/" + id).then().statusCode(200).extract().jsonPath();
    }

    private long pid(long restream, long destination) {
        return supervisor.running().stream().filter(p -> p.spec().name().equals("restream-" + restream + "-" + destination))
                .map(p -> p.state() instanceof ProcessState.Running r ? r.pid() : -1L).findFirst().orElse(-1L);
    }

    @Test
    void shouldChangeTheTextOnAirWithoutRestartingTheEncodedDestination() throws Exception {
        String keyEncoded = "enc" + unique("k");
        String keyCopy = "cpy" + unique("k");
        long channel = createChannel("Overlaid", upstream.url("/live/src"));
        long encoded = destination(keyEncoded);
        long copy = destination(keyCopy);
        long id = create("/api/restreams", Map.of("channelId", channel, "destinations",
                List.of(Map.of("destinationId", encoded, "profile", "480p"), Map.of("destinationId", copy))));
        // fontcolor = boxcolor: the text's box is one solid colour whose width follows the text
        JsonPath overlay = asAdmin().body(Map.of("type", "text", "text", "{word}", "x", 0, "y", 0, "fontSize", 40,
                "color", "#00ff00", "boxColor", "#00ff00")).post("/api/restreams/" + id + "/overlays").then()
                .statusCode(201).extract().jsonPath();
        long overlayId = overlay.getLong("id");
        assertThat(overlay.getBoolean("destinations.find { it.destinationId == " + encoded + " }.applied")).isTrue();
        assertThat(overlay.getBoolean("destinations.find { it.destinationId == " + copy + " }.applied")).isFalse();
        assertThat(overlay.getString("destinations.find { it.destinationId == " + copy + " }.reason")).contains("copy");
        asAdmin().body(Map.of("values", Map.of("word", "I"))).put("/api/restreams/" + id + "/overlay-values").then()
                .statusCode(200).body("values.word", equalTo("I"));

        String url = server.url("dest") + "/" + keyEncoded;
        try (LogCapture log = LogCapture.start()) {
            asAdmin().post("/api/restreams/" + id + "/start").then().statusCode(200);
            Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> restream(id).getString("state").equals("live"));
            long pid = pid(id, encoded);
            assertThat(pid).isPositive();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> green(grab(url)) < 0.5);

            // a wide text: the green box now covers the region, the same ffmpeg drew it
            asAdmin().body(Map.of("text", "WWWWWWWWWW")).put("/api/restreams/" + id + "/overlays/" + overlayId).then()
                    .statusCode(200).body("rendered", equalTo("WWWWWWWWWW"));
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ZERO)
                    .until(() -> green(grab(url)) > 0.9);
            assertThat(pid(id, encoded)).isEqualTo(pid);
            assertThat(restream(id).getInt("destinations.find { it.destinationId == " + encoded + " }.retries")).isZero();

            // a value change is on air the same way; the template's field is rendered by Polyplex
            asAdmin().body(Map.of("text", "{word}")).put("/api/restreams/" + id + "/overlays/" + overlayId).then()
                    .statusCode(200).body("rendered", equalTo("I"));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> green(grab(url)) < 0.5);
            assertThat(pid(id, encoded)).isEqualTo(pid);

            String commands = log.text();
            assertThat(commands).contains("destination " + encoded + " attempt 1:").contains("drawtext=textfile=")
                    .doesNotContain("WWWWWWWWWW");
            String copyLine = commands.lines().filter(l -> l.contains("destination " + copy + " attempt 1:")).findFirst()
                    .orElseThrow();
            assertThat(copyLine).doesNotContain("drawtext");

            // deleting changes the filter graph: the encoded destination restarts, goes live again
            asAdmin().delete("/api/restreams/" + id + "/overlays/" + overlayId).then().statusCode(204);
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> pid(id, encoded) > 0 && pid(id, encoded) != pid
                            && restream(id).getString("state").equals("live"));
            // an image overlay (a blue PNG, twice its size) is on air after the restart it causes
            long asset = JsonPath.from(asAdmin().contentType("image/png").body(png(64, 32)).post("/api/assets").then()
                    .statusCode(201).extract().asString()).getLong("id");
            assertThat(blue(grab(url))).isLessThan(0.5);
            asAdmin().body(Map.of("type", "image", "assetId", asset, "x", 400, "y", 300, "scale", 2))
                    .post("/api/restreams/" + id + "/overlays").then().statusCode(201);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> blue(grab(url)) > 0.9);
            Path folder = Path.of("target", "restream-overlays", Long.toString(id));
            assertThat(folder).isDirectory();
            asAdmin().post("/api/restreams/" + id + "/stop").then().statusCode(200);
            assertThat(folder).doesNotExist();
        }
    }

    @Test
    void shouldAnswerProblemJsonForBadOverlaysAndValues() throws Exception {
        long channel = createChannel("Bad overlays", upstream.url("/live/src"));
        long id = create("/api/restreams", Map.of("channelId", channel, "destinations",
                List.of(Map.of("destinationId", destination("k" + unique("k")), "profile", "720p"))));
        String base = "/api/restreams/" + id + "/overlays";
        asAdmin().body(Map.of("text", "t", "x", -1, "y", 0)).post(base).then().statusCode(400);
        asAdmin().body(Map.of("text", "t", "opacity", 1.5)).post(base).then().statusCode(400);
        asAdmin().body(Map.of("text", "t", "color", "red:x=1")).post(base).then().statusCode(400);
        asAdmin().body(Map.of("text", "x".repeat(101))).post(base).then().statusCode(400)
                .body("field", equalTo("text")).body("message", containsString("max-text-length"));
        asAdmin().body(Map.of("type", "video", "text", "t")).post(base).then().statusCode(400)
                .body("field", equalTo("type"));
        asAdmin().body(Map.of("type", "image", "assetId", 987654321)).post(base).then().statusCode(422)
                .body("field", equalTo("assetId"));
        asAdmin().body(Map.of("type", "image")).post(base).then().statusCode(400).body("field", equalTo("assetId"));
        asAdmin().contentType("image/png").body("GIF89a not a png at all, long enough to be read".getBytes())
                .post("/api/assets").then().statusCode(415);
        byte[] big = png(16, 16).clone();
        asAdmin().contentType("image/png").body(java.util.Arrays.copyOf(big, 70_000)).post("/api/assets").then()
                .statusCode(413);
        long asset = JsonPath.from(asAdmin().contentType("image/png").body(png(16, 8)).post("/api/assets?name=logo")
                .then().statusCode(201).body("width", equalTo(16)).body("height", equalTo(8)).extract().asString())
                .getLong("id");
        asAdmin().get("/api/assets").then().statusCode(200).body("id", org.hamcrest.Matchers.hasItem((int) asset));
        asAdmin().body(Map.of("type", "image", "assetId", asset, "fontSize", 20)).post(base).then().statusCode(400);
        asAdmin().body(Map.of("x", 1)).post(base).then().statusCode(400).body("field", equalTo("text"));
        asAdmin().contentType("application/json").body("{\"text\":").post(base).then().statusCode(400);
        asAdmin().body(Map.of("text", "t")).post("/api/restreams/987654321/overlays").then().statusCode(404)
                .body("code", equalTo("not_found"));
        asAdmin().body(Map.of("text", "t")).put(base + "/987654321").then().statusCode(404);
        asAdmin().delete(base + "/987654321").then().statusCode(404);

        long first = JsonPath.from(asAdmin().body(Map.of("text", "{channel} {time}", "x", 5, "y", 6)).post(base).then()
                .statusCode(201).body("x", equalTo(5)).body("opacity", equalTo(1.0f))
                .body("rendered", containsString("Bad overlays")).extract().asString()).getLong("id");
        asAdmin().body(Map.of("type", "image", "assetId", asset, "fadeInSeconds", 61)).post(base).then().statusCode(400)
                .body("field", equalTo("fadeInSeconds"));
        long image = JsonPath.from(asAdmin().body(Map.of("type", "image", "assetId", asset, "scale", 2,
                "fadeInSeconds", 1.5, "durationSeconds", 30)).post(base).then().statusCode(201)
                .body("scale", equalTo(2.0f)).body("fadeInSeconds", equalTo(1.5f)).body("durationSeconds", equalTo(30.0f))
                .extract().asString()).getLong("id");
        asAdmin().delete("/api/assets/" + asset).then().statusCode(409);
        asAdmin().body(Map.of("text", "c")).post(base).then().statusCode(201);
        asAdmin().body(Map.of("text", "d")).post(base).then().statusCode(409).body("message",
                containsString("max-per-restream"));
        asAdmin().get(base).then().statusCode(200).body("size()", equalTo(3));
        asAdmin().body(Map.of("opacity", 0.5, "boxColor", "#102030")).put(base + "/" + first).then().statusCode(200)
                .body("text", equalTo("{channel} {time}")).body("opacity", equalTo(0.5f))
                .body("boxColor", equalTo("#102030"));

        String values = "/api/restreams/" + id + "/overlay-values";
        asAdmin().body(Map.of("values", Map.of("Bad Name", "x"))).put(values).then().statusCode(400);
        asAdmin().body(Map.of("values", Map.of("time", "x"))).put(values).then().statusCode(400);
        asAdmin().body(Map.of("values", Map.of("t", "x".repeat(101)))).put(values).then().statusCode(400);
        asAdmin().body(Map.of()).put(values).then().statusCode(400);
        asAdmin().body(Map.of("values", Map.of("temperature", "21 C"))).put(values).then().statusCode(200);
        asAdmin().get(values).then().statusCode(200).body("values.temperature", equalTo("21 C"));

        // the overlays and values go with their restream; then the asset can go
        asAdmin().delete("/api/restreams/" + id).then().statusCode(204);
        asAdmin().get(base).then().statusCode(404);
        assertThat(image).isPositive();
        asAdmin().delete("/api/assets/" + asset).then().statusCode(204);
        assertThat(Path.of("target", "restream-assets", asset + ".png")).doesNotExist();
    }

    /** One RGB frame (scaled to 640x480) grabbed from the destination. */
    private static byte[] grab(String url) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-rw_timeout", "5000000", "-i", url, "-frames:v", "1",
                "-vf", "scale=" + W + ":" + H, "-f", "rawvideo", "-pix_fmt", "rgb24", "-")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] frame;
        try (InputStream in = p.getInputStream()) {
            frame = in.readNBytes(W * H * 3);
        } finally {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        return frame;
    }

    /** A solid blue PNG made by ffmpeg. */
    private static byte[] png(int w, int h) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-f", "lavfi", "-i",
                "color=c=0x0000ff:s=" + w + "x" + h + ",format=rgba", "-frames:v", "1", "-c:v", "png", "-f", "image2pipe",
                "-").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    /** The share of blue pixels in x 420..520, y 310..355 (inside the scaled image only). */
    private static double blue(byte[] rgb) {
        if (rgb.length < W * H * 3) {
            return -1;
        }
        int hits = 0;
        int total = 0;
        for (int y = 310; y < 355; y++) {
            for (int x = 420; x < 520; x++) {
                int i = (y * W + x) * 3;
                total++;
                if ((rgb[i + 2] & 0xff) > 180 && (rgb[i] & 0xff) < 90 && (rgb[i + 1] & 0xff) < 90) {
                    hits++;
                }
            }
        }
        return (double) hits / total;
    }

    /** The share of pure-green pixels in the band x 160..300, y 8..28 (inside a 10-character box only). */
    private static double green(byte[] rgb) {
        if (rgb.length < W * H * 3) {
            return -1;
        }
        int hits = 0;
        int total = 0;
        for (int y = 8; y < 28; y++) {
            for (int x = 160; x < 300; x++) {
                int i = (y * W + x) * 3;
                int r = rgb[i] & 0xff;
                int g = rgb[i + 1] & 0xff;
                int b = rgb[i + 2] & 0xff;
                total++;
                if (g > 180 && r < 90 && b < 90) {
                    hits++;
                }
            }
        }
        return (double) hits / total;
    }
}
