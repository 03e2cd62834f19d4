package org.polyplex.camera.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.polyplex.camera.model.CameraConfig;
import org.polyplex.platform.process.Supervisor;
import org.polyplex.proxy.ProxyHarness;
import org.polyplex.proxy.session.SessionsSnapshot;
import org.polyplex.proxy.ts.TsPacket;
import org.polyplex.proxy.upstream.UpstreamFactory;
import org.polyplex.testsupport.LogCapture;
import org.polyplex.testsupport.RtspTestServer;
import org.polyplex.testsupport.TsFixtures;

import io.vertx.core.buffer.Buffer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cameras through the real fan-out proxy: the channel's TS is the camera's H.264 and AAC, decodable
 * by ffprobe; when the camera dies the viewer keeps receiving, from the backup camera, then from the
 * slate; and the camera's password is in no log line.
 */
class CameraFailoverTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int SLATE_PMT = 0x1100;

    private ProxyHarness proxy;
    private Supervisor supervisor;

    @BeforeEach
    void start() {
        String slate = TsFixtures.h264Variant(2, 300, "0x1100").toAbsolutePath().toString();
        supervisor = new Supervisor(16, 50, 512, Path.of("target/test-run/camera-processes"), Duration.ofSeconds(5),
                Clock.systemUTC());
        proxy = new ProxyHarness(Map.of("polyplex.proxy.failover.fallback-slate", slate,
                "polyplex.proxy.failover.breaker-threshold", "1000", "polyplex.proxy.session.tick", "50ms",
                "polyplex.camera.read-timeout", "3s", "polyplex.proxy.failover.return-retry", "500ms",
                "polyplex.proxy.failover.return-retry-max", "1s"), List.of(CameraConfig.class),
                (client, h) -> new UpstreamFactory(List.of(new CameraKind(id -> Optional.empty(), id -> false, supervisor,
                        h.config(CameraConfig.class), h.vertx))));
    }

    @AfterEach
    void stop() {
        proxy.close();
        supervisor.stopAll(Duration.ofSeconds(5));
    }

    @Test
    void shouldServeTheCameraAsDecodableTsWithoutLoggingItsPassword() throws Exception {
        try (RtspTestServer camera = RtspTestServer.withCredentials("cam", "pw-never-logged", "digest");
                LogCapture logs = LogCapture.start()) {
            String url = camera.url().replace("rtsp://", "rtsp://cam:pw-never-logged@");
            proxy.channel(1, ProxyHarness.source(1, url));
            ProxyHarness.Watcher viewer = proxy.open(1, 400_000);
            proxy.await("the viewer got 400 kB of the camera", WAIT, () -> viewer.bytes().length >= 400_000);
            Path ts = Files.createTempFile("camera", ".ts");
            Files.write(ts, viewer.bytes());

            assertThat(ffprobe(ts)).contains("codec_name=h264").contains("codec_name=aac").contains("width=640");
            assertThat(supervisor.running()).as("one ffmpeg for the channel").hasSize(1);
            camera.stop();
            proxy.await("the camera's ffmpeg ends once the camera is gone", WAIT, () -> supervisor.running().isEmpty());
            assertThat(logs.text()).doesNotContain("pw-never-logged");
        }
    }

    @Test
    void shouldFailOverToTheBackupCameraThenToTheSlate() {
        try (RtspTestServer main = RtspTestServer.open(); RtspTestServer backup = RtspTestServer.open()) {
            proxy.channel(2, ProxyHarness.source(21, main.url()), ProxyHarness.source(22, backup.url()));
            Buffer received = ProxyHarness.watch(proxy.vertx.createHttpClient(), proxy.frontPort(), 2);
            proxy.await("the main camera plays", WAIT, () -> source().filter(id -> id == 21).isPresent()
                    && length(received) > 100_000);

            main.stop();
            proxy.await("the backup camera plays", WAIT, () -> source().filter(id -> id == 22).isPresent());
            int atBackup = length(received);
            proxy.await("the viewer receives the backup", WAIT, () -> length(received) > atBackup + 100_000);

            backup.stop();
            int atSlate = length(received);
            proxy.await("the viewer receives the slate", WAIT, () -> hasPmt(received, atSlate, SLATE_PMT));
            assertThat(session().state()).isEqualTo("fallback");
        }
    }

    @Test
    void shouldGoBackToTheMainCameraWhenItReturnsAndStopTheBackup() {
        try (RtspTestServer main = RtspTestServer.open(); RtspTestServer backup = RtspTestServer.open()) {
            proxy.channel(3, ProxyHarness.source(31, main.url()), ProxyHarness.source(32, backup.url()));
            Buffer received = ProxyHarness.watch(proxy.vertx.createHttpClient(), proxy.frontPort(), 3);
            proxy.await("the main camera plays", WAIT, () -> source().filter(id -> id == 31).isPresent()
                    && length(received) > 100_000);
            main.stop();
            proxy.await("the backup camera plays", WAIT, () -> source().filter(id -> id == 32).isPresent());

            main.start();
            proxy.await("the main camera plays again", WAIT, () -> source().filter(id -> id == 31).isPresent());
            int atReturn = length(received);
            proxy.await("the viewer receives it", WAIT, () -> length(received) > atReturn + 100_000);
            proxy.await("the backup camera's ffmpeg is stopped", WAIT, () -> supervisor.running().size() == 1);
            assertThat(session().state()).isEqualTo("streaming");
            assertThat(session().failovers()).isEqualTo(1);
        }
    }

    private Optional<Long> source() {
        return Optional.ofNullable(session()).map(SessionsSnapshot.SessionInfo::sourceId);
    }

    private SessionsSnapshot.SessionInfo session() {
        return ProxyHarness.join(proxy.registry.snapshot()).sessions().stream().findFirst().orElse(null);
    }

    private static int length(Buffer received) {
        synchronized (received) {
            return received.length();
        }
    }

    /** Whether a packet of this PID (a PMT) arrived after {@code from} bytes. */
    private static boolean hasPmt(Buffer received, int from, int pid) {
        byte[] ts;
        synchronized (received) {
            ts = received.getBytes(from - from % TsPacket.SIZE, received.length());
        }
        for (int p = 0; p + TsPacket.SIZE <= ts.length; p += TsPacket.SIZE) {
            if (ts[p] == 0x47 && TsPacket.pid(ts, p) == pid) {
                return true;
            }
        }
        return false;
    }

    static String ffprobe(Path ts) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "stream=codec_name,width", "-of",
                "default=noprint_wrappers=1", ts.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
