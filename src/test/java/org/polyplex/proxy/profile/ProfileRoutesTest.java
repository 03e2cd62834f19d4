package org.polyplex.proxy.profile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.createChannel;
import static org.polyplex.testsupport.AdminApi.unique;

import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.polyplex.proxy.ProxyHarness;
import org.polyplex.proxy.ts.TsPacket;
import org.polyplex.testsupport.TsFixtures;
import org.polyplex.testsupport.TsServer;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import io.vertx.core.Vertx;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ?profile=} on the stream routes of the running application and {@code GET /api/profiles}:
 * a built-in profile plays through a real ffmpeg at its size, passthrough is the normal stream,
 * a malformed or unknown name is refused before any upstream is touched, without a stack or the
 * credentials.
 */
@QuarkusTest
class ProfileRoutesTest {

    private static final String PASSWORD = "pr0file-pw";
    private static Vertx vertx;
    private static TsServer upstream;
    private static long channel;
    private static String user;

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void fixtures() {
        if (upstream != null) {
            return;
        }
        vertx = Vertx.vertx();
        upstream = new TsServer(vertx, 900_000).stream("a", TsFixtures.read(TsFixtures.h264(6, 600))).start();
        channel = createChannel("profiled", upstream.url("/live/a"));
        user = unique("viewer");
        create("/api/users", Map.of("username", user, "password", PASSWORD, "maxConnections", 3, "enabled", true,
                "bouquetIds", Set.of()));
    }

    @AfterAll
    static void stopUpstream() {
        if (vertx != null) {
            vertx.close();
        }
    }

    private String url() {
        return base.toString().replaceAll("/$", "");
    }

    @Test
    void shouldListTheProfilesToAdminsOnly() {
        asAdmin().get("/api/profiles").then().statusCode(200)
                .body("name", hasItems("passthrough", "720p-2500k", "480p-1200k", "audio-aac"))
                .body("find { it.name == 'passthrough' }.transcodes", equalTo(false))
                .body("find { it.name == '720p-2500k' }.args", hasItems("libx264", "scale=-2:720"));
        given().get("/api/profiles").then().statusCode(401);
    }

    @Test
    void shouldRefuseAnUnknownOrMalformedProfileBeforeTheUpstream() {
        int before = upstream.requests("/live/a");
        String body = given().get("/live/{u}/{p}/{id}.ts?profile=nope", user, PASSWORD, channel).then().statusCode(404)
                .body("code", equalTo("profile_not_found")).body("message", equalTo("profile nope not found"))
                .extract().asString();
        assertThat(body).doesNotContain(PASSWORD).doesNotContain("Exception");
        given().get("/{u}/{p}/{id}.ts?profile=NOPE;rm", user, PASSWORD, channel).then().statusCode(400)
                .body("code", equalTo("invalid_profile"));
        given().get("/live/{u}/wrong/{id}.ts?profile=nope", user, channel).then().statusCode(401);
        assertThat(upstream.requests("/live/a")).isEqualTo(before);
    }

    @Test
    void shouldPlayPassthroughAsTheNormalStream() {
        HttpResponse<InputStream> stream = ProxyHarness.play(url(),
                "/live/%s/%s/%d.ts?profile=passthrough".formatted(user, PASSWORD, channel));
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(ProxyHarness.firstPidAfterKeepalive(stream, 1000)).isEqualTo(TsPacket.PAT_PID);
        ProxyHarness.closeStream(stream);
    }

    @Test
    void shouldPlayABuiltInProfileAtItsSizeOnBothUrlForms() throws Exception {
        HttpResponse<InputStream> scaled = ProxyHarness.play(url(),
                "/live/%s/%s/%d.ts?profile=480p-1200k".formatted(user, PASSWORD, channel));
        assertThat(scaled.statusCode()).isEqualTo(200);
        byte[] video = ProxyHarness.read(scaled, 150_000);
        ProxyHarness.closeStream(scaled);
        // the fixture is 4:3, so 480 lines are 640 wide
        assertThat(probe(video, "v:0", "stream=codec_name,width,height")).isEqualTo("h264,640,480");

        HttpResponse<InputStream> audio = ProxyHarness.play(url(),
                "/%s/%s/%d.ts?profile=audio-aac".formatted(user, PASSWORD, channel));
        assertThat(audio.statusCode()).isEqualTo(200);
        byte[] copied = ProxyHarness.read(audio, 100_000);
        ProxyHarness.closeStream(audio);
        assertThat(probe(copied, "v:0", "stream=codec_name,width,height")).isEqualTo("h264,320,240");
        assertThat(probe(copied, "a:0", "stream=codec_name,channels")).isEqualTo("aac,2");
    }

    @Test
    void shouldPlayALinesOwnProfileWhenTheUrlNamesNone() throws Exception {
        String name = unique("profiled");
        long id = create("/api/users", Map.of("username", name, "password", PASSWORD, "maxConnections", 2,
                "outputProfile", "480p-1200k"));
        asAdmin().get("/api/users/{id}", id).then().statusCode(200).body("outputProfile", equalTo("480p-1200k"));

        HttpResponse<InputStream> scaled = ProxyHarness.play(url(), "/live/%s/%s/%d.ts".formatted(name, PASSWORD, channel));
        assertThat(scaled.statusCode()).isEqualTo(200);
        byte[] video = ProxyHarness.read(scaled, 150_000);
        ProxyHarness.closeStream(scaled);
        assertThat(probe(video, "v:0", "stream=codec_name,width,height")).isEqualTo("h264,640,480");

        HttpResponse<InputStream> own = ProxyHarness.play(url(),
                "/live/%s/%s/%d.ts?profile=passthrough".formatted(name, PASSWORD, channel));
        byte[] original = ProxyHarness.read(own, 100_000);
        ProxyHarness.closeStream(own);
        assertThat(probe(original, "v:0", "stream=codec_name,width,height")).as("the URL's profile wins")
                .isEqualTo("h264,320,240");

        asAdmin().contentType("application/json").body(Map.of("username", name, "maxConnections", 2,
                "outputProfile", "Bad Name")).put("/api/users/{id}", id).then().statusCode(400);
        asAdmin().contentType("application/json").body(Map.of("username", name, "maxConnections", 2,
                "outputProfile", "retired")).put("/api/users/{id}", id).then().statusCode(200);
        given().get("/live/{u}/{p}/{id}.ts", name, PASSWORD, channel).then().statusCode(404)
                .body("code", equalTo("profile_not_found"));
        asAdmin().contentType("application/json").body(Map.of("username", name, "maxConnections", 2,
                "outputProfile", "passthrough")).put("/api/users/{id}", id).then().statusCode(200)
                .body("outputProfile", equalTo("passthrough"));
        asAdmin().contentType("application/json").body(Map.of("username", name, "maxConnections", 2))
                .put("/api/users/{id}", id).then().statusCode(200).body("outputProfile", equalTo("passthrough"));
    }

    private static String probe(byte[] capture, String stream, String entries) throws Exception {
        Path file = Files.createTempFile("profile", ".ts");
        file.toFile().deleteOnExit();
        Files.write(file, capture);
        Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", stream, "-show_entries", entries,
                "-of", "csv=p=0", file.toString()).redirectErrorStream(true).start();
        String out = new String(probe.getInputStream().readAllBytes()).strip();
        assertThat(probe.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return out.lines().findFirst().orElse("");
    }
}
