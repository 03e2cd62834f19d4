package org.polyplex.archive.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.polyplex.archive.ArchiveConfig;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * The archive on disk and its time index in memory. Layout: {@code
 *
<dir>
 * /<channelId>/<start>.ts}
 * with {@code <start>} the UTC epoch millis of the file's first chunk; each file starts with PAT,
 * PMT and a keyframe. Next to it {@code <start>.idx} holds one 16-byte big-endian entry (epoch
 * millis, byte offset) per keyframe chunk, so that a reader can start exactly at a keyframe. A
 * file's end is its last modification time (set to the last chunk's instant when the file is
 * closed), so a restart rebuilds the index by listing the directory, and the file a crashed run
 * left open is recovered with the time of its last write. Instants are the wall clock when the
 * chunk arrived.
 *
 * <p>
 * Readers ({@link #files}, {@link #span}, {@link #offsetAt}) may run on any thread; they read the
 * index in memory, only {@link #offsetAt} reads the small sidecar file (call it off the event
 * loop). The recorder writes through {@link #begin}, one {@link Recording} per channel at a time.
 */
@ApplicationScoped
@Startup // the index is rebuilt at start, on the main thread: never by a first reader on an event loop
public class ArchiveStore {

    /** One archive file: {@code end} is now and {@code size} the current one for the file being written. */
    public record ArchiveFile(Path path, Instant start, Instant end, long size, boolean open) {
    }

    /** The oldest and newest instants archived for a channel. */
    public record Span(Instant start, Instant end) {
    }

    /** What a channel's archive holds on disk. */
    public record Usage(int files, long bytes) {
    }

    static final String TS = ".ts";
    static final String IDX = ".idx";
    static final int IDX_ENTRY = 16;

    private final Path dir;
    private final Clock clock;
    private final Map<Long, ChannelFiles> channels = new ConcurrentHashMap<>();
    private final AtomicLong totalBytes = new AtomicLong();
    private final AtomicInteger totalFiles = new AtomicInteger();

    @Inject
    ArchiveStore(ArchiveConfig config, Clock clock) {
        this(Path.of(config.dir()), clock);
    }

    /** A store over this directory (created if missing), its index rebuilt from the files there. */
    public ArchiveStore(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
        try {
            Files.createDirectories(dir);
            recover();
        } catch (IOException e) {
            throw new UncheckedIOException("archive directory " + dir + " is not usable", e);
        }
    }

    /**
     * Files of the channel overlapping [from, to), oldest first; the open (being written) file last, with end = now and its
     * current size.
     */
    public List<ArchiveFile> files(long channelId, Instant from, Instant to) {
        ChannelFiles c = channels.get(channelId);
        if (c == null) {
            return List.of();
        }
        long fromMs = from.toEpochMilli();
        long toMs = to.toEpochMilli();
        List<ArchiveFile> out = new ArrayList<>();
        synchronized (c) {
            // a file starting before [from is in when it ends after from: start at the last start <= from
            Long first = c.closed.floorKey(fromMs);
            for (Closed f : c.closed.tailMap(first == null ? Long.MIN_VALUE : first, true).values()) {
                if (f.startMs >= toMs) {
                    break;
                }
                if (f.endMs > fromMs) {
                    out.add(f.file());
                }
            }
            if (c.open != null) {
                ArchiveFile open = c.open.file(clock.instant());
                if (c.open.startMs < toMs && open.end().toEpochMilli() > fromMs) {
                    out.add(open);
                }
            }
        }
        return List.copyOf(out);
    }

    /** The oldest and newest instants archived for the channel, empty when none. */
    public Optional<Span> span(long channelId) {
        ChannelFiles c = channels.get(channelId);
        if (c == null) {
            return Optional.empty();
        }
        synchronized (c) {
            Long start = c.closed.isEmpty() ? null : c.closed.firstKey();
            Long end = c.closed.isEmpty() ? null : c.closed.lastEntry().getValue().endMs;
            if (c.open != null) {
                start = start == null ? c.open.startMs : start;
                end = clock.millis();
            }
            return start == null ? Optional.empty()
                    : Optional.of(new Span(Instant.ofEpochMilli(start), Instant.ofEpochMilli(Math.max(start, end))));
        }
    }

    /**
     * The byte offset of the last keyframe chunk at or before {@code t} in the file (0 when
     * {@code t} is before its second keyframe or the file has no index). Reads the file's sidecar
     * index: blocking IO, off the event loop.
     */
    public long offsetAt(ArchiveFile f, Instant t) {
        long target = t.toEpochMilli();
        long best = 0;
        try (FileChannel idx = FileChannel.open(sidecar(f.path()), StandardOpenOption.READ)) {
            ByteBuffer entries = ByteBuffer.allocate((int) Math.min(idx.size(), 16L << 20)).order(ByteOrder.BIG_ENDIAN);
            while (entries.hasRemaining() && idx.read(entries) >= 0) {
                // a whole entry at a time; a crash can leave a partial last one, ignored below
            }
            entries.flip();
            while (entries.remaining() >= IDX_ENTRY) {
                long millis = entries.getLong();
                long offset = entries.getLong();
                if (millis > target) {
                    break;
                }
                if (offset < f.size()) {
                    best = offset;
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return best;
    }

    /** Channels that have files, archived or not. */
    public List<Long> channelIds() {
        return channels.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).sorted()
                .toList();
    }

    /** Files and bytes of the channel's archive, the open file included. */
    public Usage usage(long channelId) {
        ChannelFiles c = channels.get(channelId);
        if (c == null) {
            return new Usage(0, 0);
        }
        synchronized (c) {
            long bytes = c.closed.values().stream().mapToLong(f -> f.size).sum() + (c.open == null ? 0 : c.open.size);
            return new Usage(c.closed.size() + (c.open == null ? 0 : 1), bytes);
        }
    }

    /** Bytes of all archive files. */
    public long totalBytes() {
        return totalBytes.get();
    }

    /** Archive files, the open ones included. */
    public int totalFiles() {
        return totalFiles.get();
    }

    /** The archive directory. */
    public Path dir() {
        return dir;
    }

    /**
     * Starts the channel's next file at {@code start}: the recorder's, one at a time per channel.
     * The first chunk appended must be a keyframe chunk.
     */
    public Recording begin(long channelId, Instant start) throws IOException {
        ChannelFiles c = channels.computeIfAbsent(channelId, id -> new ChannelFiles());
        long startMs = start.toEpochMilli();
        synchronized (c) {
            if (c.open != null || c.opening) {
                throw new IllegalStateException("channel " + channelId + " already has an open archive file");
            }
            c.opening = true;
            // two files never share a start: a restart within the same millisecond moves on by one
            while (c.closed.containsKey(startMs)) {
                startMs++;
            }
        }
        try {
            Path channelDir = dir.resolve(Long.toString(channelId));
            Files.createDirectories(channelDir);
            Path path = channelDir.resolve(startMs + TS);
            FileChannel ts = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            FileChannel idx;
            try {
                idx = FileChannel.open(sidecar(path), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
            } catch (IOException e) {
                ts.close();
                Files.deleteIfExists(path);
                throw e;
            }
            Recording r = new Recording(this, c, path, startMs, ts, idx);
            synchronized (c) {
                c.open = r;
            }
            totalFiles.incrementAndGet();
            return r;
        } finally {
            synchronized (c) {
                c.opening = false;
            }
        }
    }

    /**
     * Deletes the channel's files that ended at or before {@code cutoff}; the open file stays.
     * Answers how many files went.
     */
    public int pruneBefore(long channelId, Instant cutoff) {
        ChannelFiles c = channels.get(channelId);
        if (c == null) {
            return 0;
        }
        long cutoffMs = cutoff.toEpochMilli();
        List<Closed> gone = new ArrayList<>();
        synchronized (c) {
            for (var it = c.closed.values().iterator(); it.hasNext();) {
                Closed f = it.next();
                if (f.endMs > cutoffMs) {
                    break;
                }
                it.remove();
                gone.add(f);
            }
        }
        gone.forEach(this::delete);
        return gone.size();
    }

    /**
     * Deletes the oldest closed file of any channel (by start); false when there is none (only
     * open files, or nothing at all).
     */
    public boolean deleteOldest() {
        while (true) {
            ChannelFiles oldest = null;
            long oldestStart = Long.MAX_VALUE;
            for (ChannelFiles c : channels.values()) {
                synchronized (c) {
                    if (!c.closed.isEmpty() && c.closed.firstKey() < oldestStart) {
                        oldestStart = c.closed.firstKey();
                        oldest = c;
                    }
                }
            }
            if (oldest == null) {
                return false;
            }
            Closed f;
            synchronized (oldest) {
                f = oldest.closed.remove(oldestStart);
            }
            if (f != null) {
                delete(f);
                return true;
            }
            // another thread deleted it first: look again
        }
    }

    /** Deletes the oldest files, across channels, until the archive fits in {@code maxBytes}; answers how many went. */
    public int enforceQuota(long maxBytes) {
        int deleted = 0;
        while (totalBytes.get() > maxBytes && deleteOldest()) {
            deleted++;
        }
        return deleted;
    }

    private void delete(Closed f) {
        totalBytes.addAndGet(-f.size);
        totalFiles.decrementAndGet();
        try {
            Files.deleteIfExists(f.path);
            Files.deleteIfExists(sidecar(f.path));
        } catch (IOException e) {
            Log.warnf("archive file %s could not be deleted: %s", f.path, e.getMessage());
        }
    }

    /** Called by a recording when its file is done. */
    void closed(ChannelFiles c, Recording r, long endMs) {
        synchronized (c) {
            if (c.open == r) {
                c.open = null;
            }
            if (r.size > 0) {
                c.closed.put(r.startMs, new Closed(r.path, r.startMs, Math.max(r.startMs, endMs), r.size));
            } else {
                totalFiles.decrementAndGet();
            }
        }
    }

    void grew(long bytes) {
        totalBytes.addAndGet(bytes);
    }

    static Path sidecar(Path ts) {
        String name = ts.getFileName().toString();
        return ts.resolveSibling(name.substring(0, name.length() - TS.length()) + IDX);
    }

    /** Rebuilds the index from the directory: every {@code <channel>/<start>.ts}, its end from its modification time. */
    private void recover() throws IOException {
        long files = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(dir)) {
            for (Path channelDir : dirs) {
                Long channelId = number(channelDir.getFileName().toString(), "");
                if (channelId == null || !Files.isDirectory(channelDir)) {
                    continue;
                }
                ChannelFiles c = channels.computeIfAbsent(channelId, id -> new ChannelFiles());
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(channelDir)) {
                    for (Path file : entries) {
                        String name = file.getFileName().toString();
                        Long start = number(name, TS);
                        if (start == null || !Files.isRegularFile(file)) {
                            Long idxOf = number(name, IDX);
                            if (idxOf != null && !Files.exists(channelDir.resolve(idxOf + TS))) {
                                Files.deleteIfExists(file);
                            }
                            continue;
                        }
                        long size = Files.size(file);
                        if (size == 0) {
                            Files.deleteIfExists(file);
                            Files.deleteIfExists(sidecar(file));
                            continue;
                        }
                        long end = Math.max(start, Files.getLastModifiedTime(file).toMillis());
                        c.closed.put(start, new Closed(file, start, end, size));
                        totalBytes.addAndGet(size);
                        totalFiles.incrementAndGet();
                        files++;
                    }
                } catch (NoSuchFileException gone) {
                    // deleted while listed
                }
            }
        }
        if (files > 0) {
            Log.infof("archive index rebuilt: %d files, %d MiB in %s", files, totalBytes.get() >> 20, dir);
        }
    }

    private static Long number(String name, String suffix) {
        if (!name.endsWith(suffix) || name.length() == suffix.length() || name.length() - suffix.length() > 19) {
            return null;
        }
        String digits = name.substring(0, name.length() - suffix.length());
        for (int i = 0; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i))) {
                return null;
            }
        }
        return Long.parseLong(digits);
    }

    /** A channel's files: the closed ones by start, and the one being written. */
    static final class ChannelFiles {
        final TreeMap<Long, Closed> closed = new TreeMap<>();
        Recording open;
        /** A file is being created: a second begin meanwhile is refused like one while a file is open. */
        boolean opening;

        synchronized boolean isEmpty() {
            return closed.isEmpty() && open == null;
        }
    }

    record Closed(Path path, long startMs, long endMs, long size) {
        ArchiveFile file() {
            return new ArchiveFile(path, Instant.ofEpochMilli(startMs), Instant.ofEpochMilli(endMs), size, false);
        }
    }
}
