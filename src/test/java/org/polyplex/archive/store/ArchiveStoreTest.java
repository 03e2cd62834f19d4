package org.polyplex.archive.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.polyplex.archive.MutableClock;
import org.polyplex.archive.TsChunks;
import org.polyplex.archive.store.ArchiveStore.ArchiveFile;
import org.polyplex.testsupport.TsFixtures;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive on disk: real TS chunks written through recordings, read back by time, rebuilt by
 * a new store over the same directory, pruned at a window and at a quota.
 */
class ArchiveStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);

    /** Writes the fixture's chunks as one file starting at {@code start}, a second per keyframe; answers it closed or open. */
    private Recording record(ArchiveStore store, long channel, Instant start, boolean close) throws IOException {
        clock.set(start);
        Recording r = store.begin(channel, start);
        boolean first = true;
        for (TsChunks.Chunk c : TsChunks.of(TsFixtures.h264(4, 300))) {
            if (c.keyframe() && !first) {
                clock.advance(Duration.ofSeconds(1));
            }
            first = false;
            r.append(c.packets().getByteBuf().nioBuffer(), c.keyframe(), clock.instant());
        }
        if (close) {
            r.close();
        }
        return r;
    }

    @Test
    void shouldListFilesByTimeWithTheOpenOneLastEndingNow() throws IOException {
        ArchiveStore store = new ArchiveStore(dir, clock);
        record(store, 7, T0, true);
        record(store, 7, T0.plusSeconds(4), true);
        Recording open = record(store, 7, T0.plusSeconds(8), false);
        clock.set(T0.plusSeconds(20));

        List<ArchiveFile> all = store.files(7, T0.minusSeconds(60), T0.plusSeconds(60));
        assertThat(all).extracting(ArchiveFile::start).containsExactly(T0, T0.plusSeconds(4), T0.plusSeconds(8));
        assertThat(all).extracting(ArchiveFile::open).containsExactly(false, false, true);
        assertThat(all.get(0).end()).isEqualTo(T0.plusSeconds(3));
        assertThat(all.get(2).end()).isEqualTo(T0.plusSeconds(20));
        assertThat(all.get(2).size()).isEqualTo(open.size()).isEqualTo(Files.size(open.path()));
        // [from, to): a file ending at from is out, one starting at to is out
        assertThat(store.files(7, T0.plusSeconds(3), T0.plusSeconds(4))).isEmpty();
        assertThat(store.files(7, T0.plusMillis(2500), T0.plusSeconds(5))).extracting(ArchiveFile::start)
                .containsExactly(T0, T0.plusSeconds(4));
        assertThat(store.files(8, T0, T0.plusSeconds(60))).isEmpty();
        assertThat(store.span(7)).contains(new ArchiveStore.Span(T0, T0.plusSeconds(20)));
        assertThat(store.span(8)).isEmpty();
        assertThat(store.usage(7).files()).isEqualTo(3);
        assertThat(store.totalBytes()).isEqualTo(store.usage(7).bytes());
    }

    @Test
    void shouldStartEveryFileOnAKeyframeThatFfprobeReads() throws IOException {
        ArchiveStore store = new ArchiveStore(dir, clock);
        Recording r = record(store, 3, T0, true);
        assertThat(TsFixtures.firstVideoFrames(r.path(), 1).get(0)).startsWith("1,I");
        assertThat(TsFixtures.decodeErrors(r.path())).isEmpty();
    }

    @Test
    void shouldFindTheKeyframeAtOrBeforeAnInstant() throws IOException {
        ArchiveStore store = new ArchiveStore(dir, clock);
        record(store, 3, T0, true);
        ArchiveFile f = store.files(3, T0, T0.plusSeconds(1)).get(0);
        assertThat(store.offsetAt(f, T0.minusSeconds(5))).isZero();
        assertThat(store.offsetAt(f, T0.plusMillis(500))).isZero();
        long second = store.offsetAt(f, T0.plusMillis(2500));
        long third = store.offsetAt(f, T0.plusSeconds(3));
        assertThat(second).isPositive().isLessThan(third);
        assertThat(second % 188).isZero();
        assertThat(store.offsetAt(f, T0.plusSeconds(30))).isEqualTo(third);
        // the bytes there are a PAT (PID 0) that begins a keyframe chunk: a reader can start there
        byte[] bytes = Files.readAllBytes(f.path());
        for (long offset : List.of(second, third)) {
            assertThat(bytes[(int) offset]).isEqualTo((byte) 0x47);
            assertThat(((bytes[(int) offset + 1] & 0x1f) << 8) | (bytes[(int) offset + 2] & 0xff)).isZero();
        }
        Path tail = dir.resolve("tail.ts");
        Files.write(tail, java.util.Arrays.copyOfRange(bytes, (int) third, bytes.length));
        assertThat(TsFixtures.firstVideoFrames(tail, 1).get(0)).startsWith("1,I");
    }

    @Test
    void shouldRebuildTheIndexAfterARestartAndRecoverTheFileACrashLeftOpen() throws IOException {
        ArchiveStore first = new ArchiveStore(dir, clock);
        record(first, 5, T0, true);
        record(first, 6, T0.plusSeconds(1), true);
        Recording crashed = record(first, 5, T0.plusSeconds(4), false);
        // the crash: never closed; its last write's time is the file's modification time
        Files.setLastModifiedTime(crashed.path(), FileTime.from(T0.plusSeconds(6)));
        // and what else a directory may hold: none of it is archive
        Files.writeString(dir.resolve("notes.txt"), "x");
        Files.createDirectories(dir.resolve("abc"));
        Files.writeString(dir.resolve("5").resolve("abc.ts"), "x");
        Files.createFile(dir.resolve("5").resolve("99.ts"));
        Files.writeString(dir.resolve("5").resolve("42.idx"), "orphan");
        Files.createDirectories(dir.resolve("5").resolve("77.ts"));

        ArchiveStore second = new ArchiveStore(dir, clock);
        assertThat(second.files(5, T0, T0.plusSeconds(60))).extracting(ArchiveFile::start, ArchiveFile::end, ArchiveFile::open)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(T0, T0.plusSeconds(3), false),
                        org.assertj.core.groups.Tuple.tuple(T0.plusSeconds(4), T0.plusSeconds(6), false));
        assertThat(second.channelIds()).containsExactly(5L, 6L);
        assertThat(second.totalBytes()).isEqualTo(first.totalBytes());
        assertThat(second.totalFiles()).isEqualTo(3);
        assertThat(dir.resolve("5").resolve("99.ts")).doesNotExist();
        assertThat(dir.resolve("5").resolve("42.idx")).doesNotExist();
        assertThat(dir.resolve("5").resolve("abc.ts")).exists();
        // the recovered file keeps its keyframe index, and a new file goes on after it
        ArchiveFile recovered = second.files(5, T0.plusSeconds(5), T0.plusSeconds(6)).get(0);
        assertThat(second.offsetAt(recovered, T0.plusSeconds(6))).isPositive();
        record(second, 5, T0.plusSeconds(10), true);
        assertThat(second.usage(5).files()).isEqualTo(3);
    }

    @Test
    void shouldPruneFilesPastTheWindowButNeverTheOpenOne() throws IOException {
        ArchiveStore store = new ArchiveStore(dir, clock);
        Recording old = record(store, 1, T0, true);
        record(store, 1, T0.plus(Duration.ofHours(20)), true);
        Recording open = record(store, 1, T0.plus(Duration.ofHours(30)), false);
        clock.set(T0.plus(Duration.ofHours(30)));

        assertThat(store.pruneBefore(1, clock.instant().minus(Duration.ofDays(1)))).isEqualTo(1);
        assertThat(old.path()).doesNotExist();
        assertThat(ArchiveStore.sidecar(old.path())).doesNotExist();
        assertThat(store.span(1).orElseThrow().start()).isEqualTo(T0.plus(Duration.ofHours(20)));
        assertThat(store.pruneBefore(1, clock.instant().plus(Duration.ofDays(1)))).isEqualTo(1);
        assertThat(store.files(1, T0, clock.instant().plusSeconds(1))).singleElement()
                .satisfies(f -> assertThat(f.path()).isEqualTo(open.path()));
        assertThat(store.pruneBefore(99, clock.instant())).isZero();
    }

    @Test
    void shouldDeleteTheOldestFilesAcrossChannelsPastTheQuota() throws IOException {
        ArchiveStore store = new ArchiveStore(dir, clock);
        Recording a1 = record(store, 1, T0, true);
        Recording b1 = record(store, 2, T0.plusSeconds(10), true);
        Recording a2 = record(store, 1, T0.plusSeconds(20), true);
        Recording b2 = record(store, 2, T0.plusSeconds(30), false);
        long each = a1.size();

        // room for a bit more than two files: the two oldest go, one per channel, the open one stays
        assertThat(store.enforceQuota(each * 2 + each / 2)).isEqualTo(2);
        assertThat(a1.path()).doesNotExist();
        assertThat(b1.path()).doesNotExist();
        assertThat(a2.path()).exists();
        assertThat(b2.path()).exists();
        assertThat(store.totalBytes()).isEqualTo(Files.size(a2.path()) + Files.size(b2.path()));
        // nothing closed left to delete: the quota cannot take the file being written
        assertThat(store.enforceQuota(1)).isEqualTo(1);
        assertThat(store.enforceQuota(1)).isZero();
        assertThat(b2.path()).exists();
        assertThat(store.deleteOldest()).isFalse();
    }

    @Test
    void shouldNotStartAFileWhereTheChannelDirectoryCannotBe() throws IOException {
        ArchiveStore store = new ArchiveStore(dir, clock);
        Files.writeString(dir.resolve("4"), "a file where the channel's directory goes");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.begin(4, T0)).isInstanceOf(IOException.class);
        assertThat(store.totalFiles()).isZero();
        assertThat(store.files(4, T0, T0.plusSeconds(1))).isEmpty();
        // and a second begin while a file is open is a bug of the caller
        Recording r = store.begin(9, T0);
        r.append(ByteBuffer.wrap(new byte[188]), true, T0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.begin(9, T0.plusSeconds(1)))
                .isInstanceOf(IllegalStateException.class);
    }
}
