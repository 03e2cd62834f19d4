package org.polyplex.camera.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.polyplex.camera.model.CameraConfig;
import org.polyplex.platform.process.Supervisor;
import org.polyplex.proxy.upstream.api.Upstream;
import org.polyplex.proxy.upstream.api.UpstreamListener;
import org.polyplex.testsupport.TestConfigs;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A camera reader that cannot read fails within the RTSP timeout, once, and leaves no process behind. */
class CameraUpstreamTest {

    private static Vertx vertx;
    private static Supervisor supervisor;
    private static CameraKind kind;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        supervisor = new Supervisor(8, 50, 512, Path.of("target/test-run/camera-processes"), Duration.ofSeconds(5),
                Clock.systemUTC());
        CameraConfig config = TestConfigs.config(Map.of(CameraConfig.class.getName(), CameraConfig.class),
                Map.of("polyplex.camera.read-timeout", "2s")).getConfigMapping(CameraConfig.class);
        kind = new CameraKind(id -> Optional.empty(), id -> false, supervisor, config, vertx);
    }

    @AfterAll
    static void stop() {
        supervisor.stopAll(Duration.ofSeconds(5));
        vertx.close();
    }

    @Test
    void shouldFailWithinTheTimeoutWhenTheCameraAcceptsButNeverAnswers() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            long started = System.nanoTime();

            String reason = failureOf("rtsp://u:hidden-pw@127.0.0.1:" + silent.getLocalPort() + "/stream");

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
            assertThat(reason).contains("ffmpeg").doesNotContain("hidden-pw");
        }
        // the supervisor forgets the process once its exit is handled, just after the failure is reported
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!supervisor.running().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(supervisor.running()).as("no ffmpeg left running").isEmpty();
    }

    @Test
    void shouldFailWhenTheCameraAnswersGarbage() throws Exception {
        NetServer garbage = vertx.createNetServer()
                .connectHandler(
                        socket -> socket.write(Buffer.buffer("SSH-2.0-OpenSSH_9.2\r\n")).onSuccess(v -> socket.close()));
        int port = garbage.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();

        assertThat(failureOf("rtsp://127.0.0.1:" + port + "/stream")).contains("ffmpeg exited");
        garbage.close();
    }

    @Test
    void shouldSupportCameraUrlsOnly() {
        assertThat(kind.supports("rtsp://cam/live")).isTrue();
        assertThat(kind.supports("rtsps://cam/live")).isTrue();
        assertThat(kind.supports("camera://7")).as("an unknown camera").isFalse();
        assertThat(kind.supports("http://cam/live.ts")).isFalse();
    }

    private static String failureOf(String url) throws Exception {
        CompletableFuture<String> failed = new CompletableFuture<>();
        List<Buffer> data = new java.util.concurrent.CopyOnWriteArrayList<>();
        Upstream upstream = kind.create(url);
        vertx.runOnContext(v -> upstream.open(new UpstreamListener() {
            @Override
            public void onData(Buffer d) {
                data.add(d);
            }

            @Override
            public void onFailure(String reason) {
                if (!failed.complete(reason)) {
                    throw new AssertionError("a second failure: " + reason);
                }
            }
        }));
        String reason = failed.get(15, TimeUnit.SECONDS);
        assertThat(data).isEmpty();
        return reason;
    }
}
