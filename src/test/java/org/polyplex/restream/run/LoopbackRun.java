package org.polyplex.restream.run;

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
import java.util.function.DoubleSupplier;

import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.platform.process.ProcessState;
import org.polyplex.platform.process.SupervisedProcess;
import org.polyplex.platform.process.Supervisor;
import org.polyplex.proxy.session.SessionTap;
import org.polyplex.proxy.session.TapSink;
import org.polyplex.proxy.ts.TsAssembler;
import org.polyplex.restream.destination.ResolvedDestination;
import org.polyplex.restream.ffmpeg.OutputCommand;
import org.polyplex.restream.ffmpeg.OverlayGraph;
import org.polyplex.restream.model.AudioMode;
import org.polyplex.restream.model.Profile;
import org.polyplex.testsupport.TsFixtures;

import io.vertx.core.buffer.Buffer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * One restream run outside the application, to one RTMP URL, with a real supervisor and ffmpeg:
 * its tap is a TS file fed in keyframe-aligned chunks at the file's own pace (about 500 kbit/s),
 * as a channel session would hand them over. Short bounds: retries from 500 ms, a start within 20 s.
 */
final class LoopbackRun implements AutoCloseable {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ScheduledThreadPoolExecutor control = new ScheduledThreadPoolExecutor(1);
    private final ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();
    private final AtomicBoolean feeding = new AtomicBoolean(true);
    private final RestreamRun run;
    private final Supervisor supervisor;

    LoopbackRun(Path dir, String url, Profile profile, Duration stallTimeout, DoubleSupplier cpu,
            Optional<DegradePolicy.Bounds> degrade) {
        this(dir, url, profile, "libx264", stallTimeout, cpu, degrade);
    }

    /** With {@code encoder} as the detected H.264 encoder of encoded profiles. */
    LoopbackRun(Path dir, String url, Profile profile, String encoder, Duration stallTimeout, DoubleSupplier cpu,
            Optional<DegradePolicy.Bounds> degrade) {
        this(dir, List.of(new RestreamRun.Target(new ResolvedDestination(5, "nginx", url, null), profile,
                AudioMode.AUTO)), encoder, stallTimeout, cpu, degrade);
    }

    /** To several destinations (in order: {@link #status(int)}), with the encodes shared. */
    LoopbackRun(Path dir, List<RestreamRun.Target> targets, String encoder, Duration stallTimeout, DoubleSupplier cpu,
            Optional<DegradePolicy.Bounds> degrade) {
        supervisor = new Supervisor(4, 20, 80, dir.resolve("run"), Duration.ofSeconds(5), Clock.systemUTC());
        WorkerEnv env = new WorkerEnv(supervisor, control, Clock.systemUTC(), dir, new OutputCommand("ffmpeg"),
                () -> encoder, new RetrySchedule(Duration.ofMillis(500), Duration.ofSeconds(2), 5),
                Duration.ofSeconds(2), stallTimeout, Duration.ofSeconds(20), Duration.ofSeconds(1), 4 << 20, id -> {
                }, cpu, degrade, true);
        LiveChannel channel = new LiveChannel(1, 1, "Camera", null, null, null, List.of(), List.of(), Instant.EPOCH);
        run = new RestreamRun(9, channel, targets, (c, sink) -> feed(sink), env, new RestreamMetrics(meters), 1000,
                OverlayGraph.NONE);
        run.start();
    }

    DestinationStatus status() {
        return status(0);
    }

    DestinationStatus status(int destination) {
        return run.status().destinations().get(destination);
    }

    RestreamRun run() {
        return run;
    }

    /** The processes the supervisor runs now (names as in their specs). */
    List<SupervisedProcess> processes() {
        return supervisor.running();
    }

    /** The pid of the running process of this name, or -1. */
    long pid(String name) {
        return supervisor.running().stream().filter(p -> p.spec().name().equals(name)).map(SupervisedProcess::state)
                .filter(ProcessState.Running.class::isInstance).mapToLong(s -> ((ProcessState.Running) s).pid())
                .findFirst().orElse(-1);
    }

    /** The pid of the destination's running ffmpeg, or -1. */
    long ffmpegPid() {
        return supervisor.running().stream().map(SupervisedProcess::state)
                .filter(ProcessState.Running.class::isInstance).mapToLong(s -> ((ProcessState.Running) s).pid())
                .findFirst().orElse(-1);
    }

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
        // the file's pace: 188 x 40 bytes every 120 ms
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

    @Override
    public void close() throws Exception {
        feeding.set(false);
        run.stop("test over").get(15, TimeUnit.SECONDS);
        control.shutdownNow();
        feeder.shutdownNow();
    }
}
