package org.polyplex.archive.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * The archive file being written for one channel, by one thread at a time (the channel's
 * writer). Chunks go straight to the file through a {@link FileChannel} (no buffer of ours), so
 * readers see every appended byte at once; each keyframe chunk adds (instant, offset) to the
 * sidecar index before its bytes are written.
 */
public final class Recording implements AutoCloseable {

    private final ArchiveStore store;
    private final ArchiveStore.ChannelFiles files;
    final Path path;
    final long startMs;
    private final FileChannel ts;
    private final FileChannel idx;
    private final ByteBuffer entry = ByteBuffer.allocate(ArchiveStore.IDX_ENTRY);
    // written by the writer thread, read by readers under the channel's lock
    volatile long size;
    private long lastMs;
    private boolean closed;

    Recording(ArchiveStore store, ArchiveStore.ChannelFiles files, Path path, long startMs, FileChannel ts,
            FileChannel idx) {
        this.store = store;
        this.files = files;
        this.path = path;
        this.startMs = startMs;
        this.lastMs = startMs;
        this.ts = ts;
        this.idx = idx;
    }

    /** Instant of the file's first chunk. */
    public Instant start() {
        return Instant.ofEpochMilli(startMs);
    }

    public Path path() {
        return path;
    }

    /** Bytes written so far. */
    public long size() {
        return size;
    }

    /** Appends whole TS packets that arrived at {@code at}; a keyframe chunk is indexed. */
    public void append(ByteBuffer packets, boolean keyframe, Instant at) throws IOException {
        long millis = Math.max(lastMs, at.toEpochMilli());
        if (keyframe) {
            entry.clear();
            entry.putLong(millis).putLong(size).flip();
            while (entry.hasRemaining()) {
                idx.write(entry);
            }
        }
        long written = 0;
        while (packets.hasRemaining()) {
            written += ts.write(packets);
        }
        synchronized (files) {
            size += written;
            lastMs = millis;
        }
        store.grew(written);
    }

    /** The file as readers see it while it is written: ending now. */
    ArchiveStore.ArchiveFile file(Instant now) {
        long end = Math.max(lastMs, now.toEpochMilli());
        return new ArchiveStore.ArchiveFile(path, Instant.ofEpochMilli(startMs), Instant.ofEpochMilli(end), size, true);
    }

    /**
     * Closes the file, its end the last chunk's instant (kept as its modification time, which a
     * restart reads back); an empty file is deleted. Idempotent.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException failure = null;
        try {
            ts.close();
        } catch (IOException e) {
            failure = e;
        }
        try {
            idx.close();
        } catch (IOException e) {
            failure = failure == null ? e : failure;
        }
        long end = lastMs;
        store.closed(files, this, end);
        if (size == 0) {
            Files.deleteIfExists(path);
            Files.deleteIfExists(ArchiveStore.sidecar(path));
        } else {
            try {
                Files.setLastModifiedTime(path, FileTime.fromMillis(end));
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
