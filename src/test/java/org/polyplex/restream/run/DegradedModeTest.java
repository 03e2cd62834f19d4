package org.polyplex.restream.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.platform.process.Supervisor;
import org.polyplex.proxy.session.SessionTap;
import org.polyplex.proxy.session.TapSink;
import org.polyplex.proxy.ts.TsAssembler;
import org.polyplex.restream.NginxRtmp;
import org.polyplex.restream.destination.ResolvedDestination;
import org.polyplex.restream.ffmpeg.OutputCommand;
import org.polyplex.restream.model.AudioMode;
import org.polyplex.restream.model.Profile;
import org.polyplex.testsupport.TsFixtures;

import io.vertx.core.buffer.Buffer;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Degraded mode with a real ffmpeg and a real nginx-rtmp destination: while the machine reads as
 * overloaded a 720p destination is restarted at 480p (the destination then receives 480 lines),
 * reported in its status and meter, without counting as a retry; once the machine is calm again
 * it goes back to 720p. The CPU reading is the one input the test sets: a real overload of this
 * machine cannot be made on purpose without making every other test slow.
 */
class DegradedModeTest {

    @TempDir
    Path dir;

    private final AtomicReference<Double> cpu = new AtomicReference<>(0.3);
    private final AtomicBoolean feeding = new AtomicBoolean(true);
    private ScheduledThreadPoolExecutor control;
    private final ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();
    private NginxRtmp nginx;
    private RestreamRun run;
    private SimpleMeterRegistry meters;

    @BeforeEach
    void start() {
        control = new ScheduledThreadPoolExecutor(1);
        nginx = new NginxRtmp(dir.resolve("nginx")).start();
        meters = new SimpleMeterRegistry();
        Supervisor supervisor = new Supervisor(4, 20, 80, dir.resolve("run"), Duration.ofSeconds(5), Clock.systemUTC());
        WorkerEnv env = new WorkerEnv(supervisor, control, Clock.systemUTC(), dir, new OutputCommand("ffmpeg"),
                () -> "libx264", new RetrySchedule(Duration.ofMillis(500), Duration.ofSeconds(2), 5),
                Duration.ofSeconds(2), Duration.ofSeconds(15), Duration.ofSeconds(20), Duration.ofSeconds(1), 4 << 20,
                id -> {
                }, cpu::get,
                Optional.of(new DegradePolicy.Bounds(0.9, 0.1, Duration.ofSeconds(2), 0.6, Duration.ofSeconds(3))));
        LiveChannel channel = new LiveChannel(1, 1, "Camera", null, null, null, List.of(), List.of(), Instant.EPOCH);
        ResolvedDestination destination = new ResolvedDestination(5, "nginx", nginx.url("dest") + "/degraded", "degraded");
        run = new RestreamRun(9, channel, List.of(new RestreamRun.Target(destination, Profile.P720, AudioMode.AUTO)),
                (c, sink) -> feed(sink), env, new RestreamMetrics(meters), 1000);
        run.start();
    }

    @AfterEach
    void stop() throws Exception {
        feeding.set(false);
        run.stop("test over").get(15, TimeUnit.SECONDS);
        nginx.close();
        control.shutdownNow();
        feeder.shutdownNow();
    }

    /** The channel's session as a tap sees it: keyframe-aligned chunks of a TS file at its own pace. */
    private SessionTap feed(TapSink sink) {
        byte[] ts = TsFixtures.read(TsFixtures.h264(120, 400));
        TsAssembler assembler = new TsAssembler(new TsAssembler.Sink() {
            @Override
            public void chunk(Buffer packets, boolean keyframe) {
                sink.chunk(packets, keyframe);
            }

            @Override
            public void rejected(String reason) {
                sink.ended(reason);
            }
        }, true, 1 << 20);
        // about 500 kbit/s in all, as the file was made: 188 x 40 bytes every 120 ms
        int step = 188 * 40;
        int[] pos = { 0 };
        feeder.scheduleAtFixedRate(() -> {
            if (feeding.get() && pos[0] < ts.length) {
                assembler.feed(Buffer.buffer(Arrays.copyOfRange(ts, pos[0], Math.min(ts.length, pos[0] + step))));
                pos[0] += step;
            }
        }, 0, 120, TimeUnit.MILLISECONDS);
        return () -> feeding.set(false);
    }

    private DestinationStatus status() {
        return run.status().destinations().get(0);
    }

    @Test
    void anOverloadedMachineStepsTheDestinationDownAndACalmOneBackUp() {
        String url = nginx.url("dest") + "/degraded";
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> status().state().equals("live"));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> NginxRtmp.videoHeight(url) == 720);
        assertThat(status().activeProfile()).isEqualTo(Profile.P720);

        cpu.set(0.97);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> status().activeProfile() == Profile.P480);
        assertThat(status().profile()).isEqualTo(Profile.P720);
        assertThat(status().degradedReason()).contains("machine CPU 97 %");
        assertThat(meters.get("polyplex.restream.destination.degraded").gauge().value()).isEqualTo(1.0);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> status().state().equals("live"));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> NginxRtmp.videoHeight(url) == 480);
        // 480p is the floor: the overload goes on, the profile stays
        assertThat(status().retries()).as("a planned restart is not a retry").isZero();

        cpu.set(0.2);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> status().activeProfile() == Profile.P720);
        assertThat(status().degradedReason()).isNull();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> status().state().equals("live"));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> NginxRtmp.videoHeight(url) == 720);
        assertThat(meters.get("polyplex.restream.destination.degraded").gauge().value()).isZero();
        assertThat(status().retries()).isZero();
    }
}
