package org.polyplex.camera.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.polyplex.camera.health.DigestAuth;
import org.polyplex.camera.model.CameraConfig;
import org.polyplex.camera.model.CameraTarget;
import org.polyplex.camera.model.Transport;
import org.polyplex.platform.process.Supervisor;
import org.polyplex.testsupport.TestConfigs;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Snapshot URLs as Hikvision and Reolink serve them: Digest (or Basic) auth answered once, the JPEG
 * cached and shared; wrong credentials, a non-image answer and a silent server are clear failures.
 */
class HttpSnapshotTest {

    private static final byte[] JPEG = { (byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 1, 2, 3, (byte) 0xff,
            (byte) 0xd9 };

    private static Vertx vertx;
    private static HttpServer server;
    private static Snapshots snapshots;
    private static final AtomicInteger served = new AtomicInteger();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> {
            String auth = request.getHeader("Authorization");
            switch (request.path()) {
                case "/silent" -> {
                }
                case "/html" -> request.response().putHeader("Content-Type", "text/html").end("<html>login</html>");
                default -> {
                    if (auth == null || !auth.startsWith("Digest ") || !auth.contains("username=\"admin\"")
                            || !validResponse(auth)) {
                        request.response().setStatusCode(401)
                                .putHeader("WWW-Authenticate", "Digest realm=\"IP Camera\", nonce=\"n0nce\", qop=\"auth\"")
                                .end();
                        return;
                    }
                    served.incrementAndGet();
                    request.response().putHeader("Content-Type", "image/jpeg").end(Buffer.buffer(JPEG));
                }
            }
        });
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
        CameraConfig config = TestConfigs.config(Map.of(CameraConfig.class.getName(), CameraConfig.class),
                Map.of("polyplex.camera.snapshot-timeout", "1s", "polyplex.camera.snapshot-cache", "1m"))
                .getConfigMapping(CameraConfig.class);
        Supervisor supervisor = new Supervisor(4, 50, 512, Path.of("target/test-run/camera-processes"),
                Duration.ofSeconds(5), Clock.systemUTC());
        snapshots = new Snapshots(config, supervisor, vertx, new SimpleMeterRegistry());
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    @Test
    void shouldAnswerTheDigestChallengeAndShareOneFetch() throws Exception {
        CameraTarget camera = camera(1, "/ISAPI/Streaming/channels/101/picture", "secret");
        int before = served.get();

        byte[] first = get(camera);
        byte[] second = get(camera);

        assertThat(first).isEqualTo(JPEG);
        assertThat(second).isEqualTo(JPEG);
        assertThat(served.get() - before).as("fetches within the cache time").isEqualTo(1);
    }

    @Test
    void shouldFailClearlyOnWrongCredentialsAHtmlPageOrSilence() {
        assertThatThrownBy(() -> get(camera(2, "/snap", "bad-pw-77"))).hasRootCauseInstanceOf(SnapshotFailure.class)
                .rootCause().hasMessageContaining("401").hasMessageNotContaining("bad-pw-77");
        assertThatThrownBy(() -> get(camera(3, "/html", "secret"))).rootCause().hasMessageContaining("not an image");
        assertThatThrownBy(() -> get(camera(4, "/silent", "secret"))).rootCause()
                .satisfies(e -> assertThat(((SnapshotFailure) e).timeout()).isTrue());
    }

    /** Whether the Digest answer is the one the password "secret" gives (the server checks it). */
    private static boolean validResponse(String auth) {
        DigestAuth.Challenge answer = DigestAuth.parse(auth).orElseThrow();
        DigestAuth.Challenge challenge = DigestAuth
                .parse("Digest realm=\"IP Camera\", nonce=\"n0nce\", qop=\"auth\"").orElseThrow();
        String expected = DigestAuth.digest(challenge, "GET", answer.param("uri"), "admin", "secret",
                answer.param("cnonce"), Integer.parseInt(answer.param("nc"), 16));
        return expected.contains("response=\"" + answer.param("response") + "\"");
    }

    private static byte[] get(CameraTarget camera) throws InterruptedException, ExecutionException,
            java.util.concurrent.TimeoutException {
        return snapshots.of(camera).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static CameraTarget camera(long id, String path, String password) {
        return new CameraTarget(id, "cam", "rtsp://127.0.0.1:1/none", Transport.TCP, "admin", password,
                "http://127.0.0.1:" + server.actualPort() + path);
    }
}
