package org.polyplex.ingest.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.polyplex.platform.process.ProcessState;
import org.polyplex.platform.process.RestartPolicy;
import org.polyplex.platform.process.Supervisor;

import io.vertx.core.buffer.Buffer;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ffmpeg backend with real ffmpeg: FLV in, HLS and MPEG-TS out, across runs and a killed process. */
class FfmpegHlsBackendTest {

    @TempDir
    static Path fixtures;
    static byte[] flv;

    @TempDir
    Path dir;

    private Supervisor supervisor;

    @BeforeAll
    static void makeFlv() throws Exception {
        flv = MediaFixtures.flv(fixtures);
    }

    @AfterEach
    void tearDown() {
        if (supervisor != null) {
            supervisor.stopAll(Duration.ofSeconds(5));
        }
    }

    private FfmpegHlsBackend backend(List<Rendition> renditions, RestartPolicy restart) {
        supervisor = new Supervisor(8, 50, 512, dir.resolve("run"), Duration.ofSeconds(5), Clock.systemUTC());
        return new FfmpegHlsBackend(supervisor, new SpoolLayout(dir.resolve("spool")),
                new FfmpegCommand("ffmpeg", Duration.ofSeconds(2), 6), renditions, restart, Duration.ofSeconds(20),
                Duration.ofSeconds(5), 1 << 20);
    }

    @Test
    void twoRunsOfAGenerationAppendToOnePlaylistAndTheTsDecodes() throws Exception {
        FfmpegHlsBackend backend = backend(FfmpegHlsBackend.renditions(List.of("240p:300k")), RestartPolicy.NEVER);
        Path gen = backend.layout().generation(7, 42);
        Path source = gen.resolve("source/index.m3u8");

        Listener run1 = new Listener();
        publish(backend.start(new PipelineSpec(7, 42, 1, backend.renditions()), run1), 0, flv.length);
        assertThat(run1.ready.get(30, TimeUnit.SECONDS)).isEqualTo(source);
        assertThat(run1.ended.get(30, TimeUnit.SECONDS)).isEqualTo(new ProcessState.Stopped(0));
        List<String> first = MediaFixtures.segments(source);
        assertThat(first).isNotEmpty().allSatisfy(s -> assertThat(s).matches("r1-\\d{6}\\.ts"));
        assertThat(MediaFixtures.codecs(source)).containsExactly("h264", "aac");
        Path ts = dir.resolve("fanout.ts");
        Files.write(ts, run1.ts.toByteArray());
        assertThat(run1.ts.size() % 188).isZero();
        assertThat(MediaFixtures.codecs(ts)).containsExactly("h264", "aac");
        assertThat(MediaFixtures.height(gen.resolve("240p/index.m3u8"))).isEqualTo(240);
        assertThat(MediaFixtures.segments(gen.resolve("index.m3u8")))
                .containsExactly("source/index.m3u8", "240p/index.m3u8");

        Listener run2 = new Listener();
        publish(backend.start(new PipelineSpec(7, 42, 2, backend.renditions()), run2), 0, flv.length);
        run2.ready.get(30, TimeUnit.SECONDS);
        assertThat(run2.ended.get(30, TimeUnit.SECONDS)).isEqualTo(new ProcessState.Stopped(0));

        String playlist = Files.readString(source);
        assertThat(playlist).doesNotContain("#EXT-X-ENDLIST").contains("#EXT-X-DISCONTINUITY-SEQUENCE:");
        int firstRun2 = playlist.indexOf("\nr2-");
        assertThat(firstRun2).isPositive();
        assertThat(playlist.substring(0, firstRun2).stripTrailing()).endsWith("#EXTINF:2.000000,")
                .contains("#EXT-X-DISCONTINUITY");
        assertThat(playlist.substring(playlist.lastIndexOf("#EXT-X-DISCONTINUITY"))).contains("r2-")
                .doesNotContain("r1-");
        List<String> all = MediaFixtures.segments(source);
        assertThat(new HashSet<>(all)).hasSameSizeAs(all);
        assertThat(all).filteredOn(n -> n.startsWith("r2-")).isNotEmpty().noneMatch(first::contains);
        List<Integer> numbers = all.stream().map(n -> Integer.parseInt(n.substring(3, 9))).toList();
        assertThat(numbers).isSorted().doesNotHaveDuplicates();
        try (Stream<Path> files = Files.walk(dir.resolve("spool"))) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .allMatch(n -> n.equals("index.m3u8") || n.equals(".packager.m3u8") || n.matches("r[12]-\\d{6}\\.ts"));
        }

        // the generation ended: with no retention it is deleted at the next pass
        RetentionReport report = new SpoolRetention(backend.layout(), Duration.ZERO, 1L << 30, Clock.systemUTC())
                .prune(java.util.Set.of());
        assertThat(report.deleted()).isEqualTo(1);
        assertThat(report.freedBytes()).isPositive();
        assertThat(gen).doesNotExist();
    }

    @Test
    void aNextRunStartsItsPackagerOnlyOnceThePreviousRunsHasExited() throws Exception {
        FfmpegHlsBackend backend = backend(List.of(Rendition.SOURCE), RestartPolicy.NEVER);
        Listener run1 = new Listener();
        MediaPipeline first = backend.start(new PipelineSpec(9, 3, 1, backend.renditions()), run1);
        publish(first, 0, flv.length / 2); // the first encoder is still connected
        run1.running(1).get(10, TimeUnit.SECONDS);

        Listener run2 = new Listener();
        MediaPipeline second = backend.start(new PipelineSpec(9, 3, 2, backend.renditions()), run2);
        CompletableFuture<Void> feeding = CompletableFuture.runAsync(() -> {
            try {
                publish(second, 0, flv.length);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Awaitility.await("run 2 waits while run 1's packager runs").during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(3)).until(run2.states::isEmpty);

        first.stop();
        ProcessState end1 = run1.ended.get(15, TimeUnit.SECONDS);
        long firstGone = System.nanoTime();
        run2.running(1).get(15, TimeUnit.SECONDS);
        assertThat(run2.firstStateNanos).as("run 2 after run 1 ended (%s)", end1)
                .isGreaterThanOrEqualTo(firstGone - 50_000_000L);
        feeding.get(30, TimeUnit.SECONDS);
        assertThat(run2.ended.get(30, TimeUnit.SECONDS)).isEqualTo(new ProcessState.Stopped(0));
        assertThat(MediaFixtures.segments(backend.layout().generation(9, 3).resolve("source/index.m3u8")))
                .anyMatch(n -> n.startsWith("r2-"));
    }

    @Test
    void aKilledPackagerIsRestartedAndResumesAtAKeyframe() throws Exception {
        FfmpegHlsBackend backend = backend(List.of(Rendition.SOURCE),
                new RestartPolicy(3, Duration.ofMinutes(1), Duration.ofMillis(50), Duration.ofMillis(100)));
        Listener l = new Listener();
        MediaPipeline pipeline = backend.start(new PipelineSpec(8, 1, 1, backend.renditions()), l);
        publish(pipeline, 0, flv.length / 2);
        l.ready.get(30, TimeUnit.SECONDS);
        long pid = l.running(1).get(10, TimeUnit.SECONDS).pid();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        ProcessState.Running second = l.running(2).get(10, TimeUnit.SECONDS);
        assertThat(second.pid()).isNotEqualTo(pid);
        assertThat(l.states).anyMatch(s -> s instanceof ProcessState.Exited e && e.code() == 137);
        int tsBefore = l.ts.size();
        publish(pipeline, flv.length / 2, flv.length);
        assertThat(l.ended.get(30, TimeUnit.SECONDS)).isEqualTo(new ProcessState.Stopped(0));

        assertThat(l.ts.size()).isGreaterThan(tsBefore);
        Path source = backend.layout().rendition(8, 1, "source").resolve("index.m3u8");
        List<String> names = MediaFixtures.segments(source);
        assertThat(new HashSet<>(names)).hasSameSizeAs(names);
        assertThat(MediaFixtures.codecs(source)).containsExactly("h264", "aac");
        // the restarted packager got the codec configuration again: its last segment decodes on its own
        Path last = source.resolveSibling(names.get(names.size() - 1));
        assertThat(MediaFixtures.codecs(last)).containsExactly("h264", "aac");
        assertThat(Files.readString(source)).contains("#EXT-X-DISCONTINUITY");
        assertThat(l.failures).isEmpty();
    }

    @Test
    void aKilledPackagerWithoutRestartsFailsThePipeline() throws Exception {
        FfmpegHlsBackend backend = backend(List.of(Rendition.SOURCE), RestartPolicy.NEVER);
        Listener l = new Listener();
        MediaPipeline pipeline = backend.start(new PipelineSpec(9, 1, 1, backend.renditions()), l);
        publish(pipeline, 0, flv.length / 3);
        long pid = l.running(1).get(10, TimeUnit.SECONDS).pid();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        assertThat(l.failed.get(10, TimeUnit.SECONDS)).contains("code 137");
        assertThat(l.ended.get(10, TimeUnit.SECONDS)).isInstanceOf(ProcessState.GaveUp.class);
    }

    @Test
    void bytesThatAreNotFlvFailThePipeline() throws Exception {
        FfmpegHlsBackend backend = backend(List.of(Rendition.SOURCE), RestartPolicy.NEVER);
        Listener l = new Listener();
        MediaPipeline pipeline = backend.start(new PipelineSpec(10, 1, 1, backend.renditions()), l);
        pipeline.flv(Buffer.buffer("RTMP garbage, not an FLV header"));
        assertThat(l.failed.get(10, TimeUnit.SECONDS)).contains("not an FLV stream");
        assertThat(l.ended.get(10, TimeUnit.SECONDS)).isInstanceOf(ProcessState.Stopped.class);
    }

    @Test
    void aMissingFfmpegFailsThePipeline() throws Exception {
        supervisor = new Supervisor(8, 50, 512, dir.resolve("run"), Duration.ofSeconds(5), Clock.systemUTC());
        FfmpegHlsBackend backend = new FfmpegHlsBackend(supervisor, new SpoolLayout(dir.resolve("spool")),
                new FfmpegCommand("/nonexistent/ffmpeg", Duration.ofSeconds(2), 6), List.of(Rendition.SOURCE),
                RestartPolicy.NEVER, Duration.ofSeconds(20), Duration.ofSeconds(5), 1 << 20);
        Listener l = new Listener();
        backend.start(new PipelineSpec(11, 1, 1, backend.renditions()), l);
        assertThat(l.failed.get(10, TimeUnit.SECONDS)).startsWith("cannot start ffmpeg");
    }

    private static void publish(MediaPipeline pipeline, int from, int to) throws Exception {
        MediaFixtures.publish(pipeline, flv, from, to);
    }

    static final class Listener implements PipelineListener {
        final ByteArrayOutputStream ts = new ByteArrayOutputStream();
        final CompletableFuture<Path> ready = new CompletableFuture<>();
        final CompletableFuture<String> failed = new CompletableFuture<>();
        final CompletableFuture<ProcessState> ended = new CompletableFuture<>();
        final List<ProcessState> states = new CopyOnWriteArrayList<>();
        final List<String> failures = new CopyOnWriteArrayList<>();

        @Override
        public synchronized void ts(Buffer bytes) {
            ts.writeBytes(bytes.getBytes());
        }

        @Override
        public void playlistReady(Path playlist) {
            ready.complete(playlist);
        }

        volatile long firstStateNanos;

        @Override
        public void stateChanged(ProcessState state) {
            if (states.isEmpty()) {
                firstStateNanos = System.nanoTime();
            }
            states.add(state);
            if (state.terminal()) {
                ended.complete(state);
            }
        }

        @Override
        public void failed(String reason) {
            failures.add(reason);
            failed.complete(reason);
        }

        CompletableFuture<ProcessState.Running> running(int attempt) {
            return CompletableFuture.supplyAsync(() -> {
                Predicate<ProcessState> match = s -> s instanceof ProcessState.Running r && r.attempt() == attempt;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (System.nanoTime() < deadline) {
                    for (ProcessState s : states) {
                        if (match.test(s)) {
                            return (ProcessState.Running) s;
                        }
                    }
                    Thread.onSpinWait();
                }
                throw new AssertionError("attempt " + attempt + " never ran");
            });
        }
    }
}
