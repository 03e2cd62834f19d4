package org.polyplex.camera.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.polyplex.camera.model.CameraTarget;
import org.polyplex.camera.model.Transport;
import org.polyplex.testsupport.RtspTestServer;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The probe against the real RTSP test camera, a listener that never answers and one that answers garbage. */
class RtspProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static Vertx vertx;
    private static RtspProbe probe;
    private static RtspTestServer digest;
    private static RtspTestServer basic;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        probe = new RtspProbe(vertx, vertx.createNetClient(new NetClientOptions().setConnectTimeout(2000)),
                vertx.createNetClient(new NetClientOptions().setSsl(true).setTrustAll(true)), TIMEOUT, 65536);
        digest = RtspTestServer.withCredentials("cam", "s3cret-digest", "digest");
        basic = RtspTestServer.withCredentials("cam", "s3cret-basic", "basic");
    }

    @AfterAll
    static void stop() {
        digest.close();
        basic.close();
        vertx.close();
    }

    @Test
    void shouldFindACameraOnlineWithDigestCredentials() {
        ProbeOutcome o = run(camera(digest.url(), "cam", "s3cret-digest"));

        assertThat(o.ok()).as(o.toString()).isTrue();
        assertThat(o.sdp()).contains("m=video").contains("H264").contains("m=audio");
        assertThat(HealthVerdict.of(o, Duration.ofSeconds(2), Instant.now(), null).state())
                .isEqualTo(CameraHealth.State.ONLINE);
    }

    @Test
    void shouldFindACameraOnlineWithBasicCredentials() {
        assertThat(run(camera(basic.url(), "cam", "s3cret-basic")).ok()).isTrue();
    }

    @Test
    void shouldSayTheCredentialsAreWrong() {
        ProbeOutcome o = run(camera(digest.url(), "cam", "wrong"));
        CameraHealth h = HealthVerdict.of(o, Duration.ofSeconds(2), Instant.now(), null);

        assertThat(o.failedAt()).isEqualTo(ProbeOutcome.Stage.AUTH);
        assertThat(h.state()).isEqualTo(CameraHealth.State.OFFLINE);
        assertThat(h.lastError()).contains("401").contains("wrong username or password").doesNotContain("wrong\"");
        assertThat(run(camera(digest.url(), null, null)).error()).contains("needs a username and password");
    }

    @Test
    void shouldCallAWrongPathDegraded() {
        ProbeOutcome o = run(camera(digest.url().replace("/stream", "/nothing"), "cam", "s3cret-digest"));

        assertThat(o.failedAt()).as(o.toString()).isIn(ProbeOutcome.Stage.DESCRIBE, ProbeOutcome.Stage.AUTH);
    }

    @Test
    void shouldFailWithinTheBoundWhenTheCameraNeverAnswers() {
        NetServer silent = vertx.createNetServer().connectHandler(socket -> {
        });
        int port = silent.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
        long started = System.nanoTime();

        ProbeOutcome o = run(camera("rtsp://127.0.0.1:" + port + "/stream", "cam", "x"));

        assertThat(o.failedAt()).isEqualTo(ProbeOutcome.Stage.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.plusSeconds(2));
        silent.close();
    }

    @Test
    void shouldCallGarbageNotRtsp() {
        NetServer garbage = vertx.createNetServer()
                .connectHandler(socket -> socket.write(Buffer.buffer("HTTP/1.0 400 Bad Request\r\n\r\n")));
        int port = garbage.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();

        ProbeOutcome o = run(camera("rtsp://127.0.0.1:" + port + "/stream", null, null));

        assertThat(o.failedAt()).isEqualTo(ProbeOutcome.Stage.OPTIONS);
        assertThat(o.error()).contains("not an RTSP server").contains("HTTP");
        garbage.close();
    }

    @Test
    void shouldFindAStoppedCameraOffline() {
        try (RtspTestServer gone = RtspTestServer.open()) {
            assertThat(run(camera(gone.url(), null, null)).ok()).isTrue();
            gone.stop();
            ProbeOutcome o = run(camera(gone.url(), null, null));
            assertThat(o.failedAt()).isEqualTo(ProbeOutcome.Stage.CONNECT);
            assertThat(HealthVerdict.of(o, TIMEOUT, Instant.now(), Instant.EPOCH).lastSeen()).isEqualTo(Instant.EPOCH);
        }
    }

    private static ProbeOutcome run(CameraTarget camera) {
        try {
            return probe.probe(camera).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static CameraTarget camera(String url, String user, String password) {
        return new CameraTarget(1, "test", url, Transport.TCP, user, password, null);
    }
}
