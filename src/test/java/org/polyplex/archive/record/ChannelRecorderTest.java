package org.polyplex.archive.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

import org.polyplex.archive.ArchiveConfig;
import org.polyplex.archive.MutableClock;
import org.polyplex.archive.TsChunks;
import org.polyplex.archive.store.ArchiveStore;
import org.polyplex.archive.store.ArchiveStore.ArchiveFile;
import org.polyplex.archive.store.Recording;
import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.proxy.session.TapSink;
import org.polyplex.testsupport.TestConfigs;
import org.polyplex.testsupport.TsFixtures;

import io.vertx.core.Vertx;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * One channel's recording driven chunk by chunk with real ffmpeg-made TS, a clock moved by hand and
 * a real store: files cut at keyframes, a full queue dropping to the next keyframe, a failing
 * write pruning the oldest file and going on, a tap that ends retried with backoff.
 */
class ChannelRecorderTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private final Vertx vertx = Vertx.vertx();
    private final ArchiveMetrics metrics = new ArchiveMetrics(new SimpleMeterRegistry());
    private final List<TapSink> sinks = new CopyOnWriteArrayList<>();
    private final List<Boolean> closed = new CopyOnWriteArrayList<>();
    private final LiveChannel channel = new LiveChannel(4, null, "Four", null, null, null, List.of(), List.of(), T0, 1);

    @AfterEach
    void close() {
        vertx.close();
    }

    private ChannelRecorder recorder(ArchiveStore store, Executor writers, Map<String, String> overrides) {
        ArchiveConfig config = TestConfigs.of(ArchiveConfig.class, overrides);
        ChannelRecorder.Taps taps = (c, sink) -> {
            sinks.add(sink);
            int index = closed.size();
            closed.add(false);
            return () -> closed.set(index, true);
        };
        ChannelRecorder r = new ChannelRecorder(channel, store, taps, metrics, clock, vertx, writers, config);
        r.start();
        return r;
    }

    /** Feeds the chunks to the tap as a session would, the clock a second on per keyframe. */
    private void play(TapSink sink, List<TsChunks.Chunk> chunks) {
        boolean first = true;
        for (TsChunks.Chunk c : chunks) {
            if (c.keyframe() && !first) {
                clock.advance(Duration.ofSeconds(1));
            }
            first = false;
            sink.chunk(c.packets(), c.keyframe());
        }
    }

    @Test
    void shouldCutAFileAtTheFirstKeyframePastTheFileDuration() {
        ArchiveStore store = new ArchiveStore(dir, clock);
        ChannelRecorder recorder = recorder(store, Runnable::run, Map.of("polyplex.archive.file-duration", "2s"));
        play(sinks.get(0), TsChunks.of(TsFixtures.h264(10, 300)));
        assertThat(recorder.state()).isInstanceOf(RecorderState.Recording.class);
        recorder.stop("test over");

        List<ArchiveFile> files = store.files(4, T0, T0.plusSeconds(60));
        assertThat(files).extracting(ArchiveFile::start).containsExactly(T0, T0.plusSeconds(2), T0.plusSeconds(4),
                T0.plusSeconds(6), T0.plusSeconds(8));
        assertThat(files).noneMatch(ArchiveFile::open);
        assertThat(files.get(0).end()).isEqualTo(T0.plusSeconds(1));
        for (ArchiveFile f : files) {
            assertThat(TsFixtures.firstVideoFrames(f.path(), 1).get(0)).startsWith("1,I");
        }
        assertThat(closed).containsExactly(true);
        assertThat(metrics.filesWritten()).isEqualTo(5);
        assertThat(metrics.bytesWritten()).isEqualTo(store.totalBytes());
        assertThat(recorder.state()).isEqualTo(new RecorderState.Stopped("test over"));
        // a late chunk of the closed tap is ignored
        sinks.get(0).chunk(TsChunks.of(TsFixtures.h264(10, 300)).get(0).packets(), true);
        assertThat(store.totalFiles()).isEqualTo(5);
    }

    @Test
    void shouldDropPastTheQueueBoundAndGoOnInANewFileAtTheNextKeyframe() {
        ArchiveStore store = new ArchiveStore(dir, clock);
        List<Runnable> pending = new ArrayList<>();
        // a disk that does not keep up: nothing is written until the test runs the writer
        ChannelRecorder recorder = recorder(store, pending::add, Map.of("polyplex.archive.queue-bytes", "65536",
                "polyplex.archive.file-duration", "60s"));
        List<TsChunks.Chunk> chunks = TsChunks.of(TsFixtures.h264(10, 300));
        int next = 0;
        boolean first = true;
        while (recorder.gaps() == 0) {
            TsChunks.Chunk c = chunks.get(next++);
            if (c.keyframe() && !first) {
                clock.advance(Duration.ofSeconds(1));
            }
            first = false;
            sinks.get(0).chunk(c.packets(), c.keyframe());
        }
        // the disk catches up; the rest arrives in time, the chunks up to the next keyframe are dropped
        while (!pending.isEmpty()) {
            pending.remove(0).run();
        }
        long droppedBefore = recorder.droppedBytes();
        for (TsChunks.Chunk c : chunks.subList(next, chunks.size())) {
            if (c.keyframe()) {
                clock.advance(Duration.ofSeconds(1));
            }
            sinks.get(0).chunk(c.packets(), c.keyframe());
            while (!pending.isEmpty()) {
                pending.remove(0).run();
            }
        }
        recorder.stop("test over");
        while (!pending.isEmpty()) {
            pending.remove(0).run();
        }
        assertThat(recorder.gaps()).isEqualTo(1);
        assertThat(recorder.droppedBytes()).isGreaterThan(droppedBefore);
        List<ArchiveFile> files = store.files(4, T0, T0.plusSeconds(60));
        assertThat(files).hasSize(2);
        assertThat(files.get(1).start()).isAfter(files.get(0).end());
        for (ArchiveFile f : files) {
            assertThat(TsFixtures.firstVideoFrames(f.path(), 1).get(0)).startsWith("1,I");
        }
        // the second file is whole: from its keyframe to the end of the stream
        assertThat(TsFixtures.decodeErrors(files.get(1).path())).isEmpty();
        assertThat(metrics.gaps()).isEqualTo(1);
    }

    @Test
    void shouldDeleteTheOldestFileAndGoOnWhenAWriteFails() throws IOException {
        ArchiveStore store = new ArchiveStore(dir, clock);
        // another channel's old file, the oldest of the archive
        Recording other = store.begin(50, T0.minusSeconds(3600));
        other.append(TsChunks.of(TsFixtures.h264(4, 300)).get(0).packets().getByteBuf().nioBuffer(), true,
                T0.minusSeconds(3600));
        other.close();
        // the channel's directory cannot be made: a file is where it goes
        Path blocker = dir.resolve("4");
        Files.writeString(blocker, "not a directory");
        ChannelRecorder recorder = recorder(store, Runnable::run, Map.of("polyplex.archive.retry.initial-delay", "2s"));
        List<TsChunks.Chunk> chunks = TsChunks.of(TsFixtures.h264(10, 300));
        // keyframes at T0 (fails) and T0 + 1 s (within the 2 s backoff: not tried)
        int split = indexOfKeyframe(chunks, 2);
        play(sinks.get(0), chunks.subList(0, split));

        assertThat(recorder.writeErrors()).isEqualTo(1);
        assertThat(recorder.lastError()).contains("FileAlreadyExistsException");
        assertThat(recorder.lastErrorAt()).isEqualTo(T0);
        assertThat(other.path()).doesNotExist();
        assertThat(metrics.pruned("write_error")).isEqualTo(1);
        // the disk is fixed; recording resumes at the first keyframe past the backoff
        Files.delete(blocker);
        clock.advance(Duration.ofSeconds(1));
        play(sinks.get(0), chunks.subList(split, chunks.size()));
        recorder.stop("test over");
        List<ArchiveFile> files = store.files(4, T0, T0.plusSeconds(60));
        assertThat(files).singleElement().satisfies(f -> {
            assertThat(f.start()).isEqualTo(T0.plusSeconds(2));
            assertThat(TsFixtures.firstVideoFrames(f.path(), 1).get(0)).startsWith("1,I");
        });
        assertThat(recorder.state()).isInstanceOf(RecorderState.Stopped.class);
    }

    @Test
    void shouldReopenTheTapWithABoundedBackoffWhenTheSessionEnds() {
        ArchiveStore store = new ArchiveStore(dir, clock);
        ChannelRecorder recorder = recorder(store, Runnable::run, Map.of("polyplex.archive.retry.initial-delay", "50ms",
                "polyplex.archive.retry.max-delay", "150ms"));
        assertThat(recorder.state()).isInstanceOf(RecorderState.Opening.class);
        sinks.get(0).ended("every source is down");
        RecorderState.Waiting first = (RecorderState.Waiting) recorder.state();
        assertThat(first.until()).isEqualTo(T0.plusMillis(50));
        assertThat(first.reason()).isEqualTo("every source is down");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sinks.size() == 2);
        sinks.get(1).ended("still down");
        assertThat(((RecorderState.Waiting) recorder.state()).until()).isEqualTo(T0.plusMillis(100));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sinks.size() == 3);
        sinks.get(2).ended("still down");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sinks.size() == 4);
        sinks.get(3).ended("still down");
        // bounded: never more than max-delay
        assertThat(((RecorderState.Waiting) recorder.state()).until()).isEqualTo(T0.plusMillis(150));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sinks.size() == 5);
        // a stale tap's end or chunks change nothing
        sinks.get(1).ended("late");
        assertThat(recorder.state()).isInstanceOf(RecorderState.Opening.class);
        play(sinks.get(4), TsChunks.of(TsFixtures.h264(4, 300)));
        assertThat(recorder.state()).isInstanceOf(RecorderState.Recording.class);
        recorder.stop("archive turned off");
        assertThat(closed.get(4)).isTrue();
        assertThat(store.files(4, T0, T0.plusSeconds(60))).singleElement().matches(f -> !f.open());
        // stopped: an end of the closed tap schedules nothing
        sinks.get(4).ended("closed");
        assertThat(recorder.state()).isEqualTo(new RecorderState.Stopped("archive turned off"));
    }

    private static int indexOfKeyframe(List<TsChunks.Chunk> chunks, int n) {
        int seen = 0;
        for (int i = 0; i < chunks.size(); i++) {
            if (chunks.get(i).keyframe() && seen++ == n) {
                return i;
            }
        }
        throw new IllegalArgumentException("fewer keyframes than " + n);
    }
}
