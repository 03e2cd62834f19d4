package org.polyplex.ingest.media;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * The packager's stdin: FLV chunks are queued by the publisher's event loop (never blocking it;
 * bounded in bytes, past the bound {@link #writable()} is false) and written by one dedicated
 * thread. A restarted ffmpeg is handed a new stdin through {@link #attach}: it first gets the FLV
 * header, the last metadata and codec configuration again, then the stream from its next video
 * keyframe. Until an ffmpeg is attached the writer waits, and the bound pauses the publisher.
 */
final class FlvInput {

    private static final byte[] END = new byte[0];

    private final int maxQueuedBytes;
    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicReference<Runnable> drain = new AtomicReference<>();
    private final FlvTags tags = new FlvTags();
    private final Object lock = new Object();
    private OutputStream out;
    private int attached;
    private int writingTo;
    private boolean closed;
    private boolean skipToKeyframe;
    private FlvTags.Unit header;
    private FlvTags.Unit metadata;
    private FlvTags.Unit videoConfig;
    private FlvTags.Unit audioConfig;
    private boolean hasVideo;

    FlvInput(int maxQueuedBytes) {
        this.maxQueuedBytes = maxQueuedBytes;
    }

    /**
     * Queues a copy of the bytes; answers whether more may come. Any thread, never blocks. After
     * {@link #close} the bytes are dropped.
     */
    boolean offer(Buffer bytes) {
        if (isClosed()) {
            return true;
        }
        byte[] copy = bytes.getBytes();
        queued.addAndGet(copy.length);
        queue.add(copy);
        return writable();
    }

    boolean writable() {
        return queued.get() < maxQueuedBytes;
    }

    /** Runs {@code r} once, on the caller's Vert.x context if it has one, when writable again. */
    void drainHandler(Runnable r) {
        Context ctx = Vertx.currentContext();
        drain.set(ctx == null ? r : () -> ctx.runOnContext(v -> r.run()));
        if (writable()) {
            fireDrain();
        }
    }

    /** The publish ended: what is queued is written, then stdin is closed. */
    void end() {
        queue.add(END);
    }

    /** A new ffmpeg's stdin (each restart); the previous one is abandoned. */
    void attach(OutputStream stdin) {
        synchronized (lock) {
            out = stdin;
            attached++;
            lock.notifyAll();
        }
    }

    /** Stops the writer: what is queued is dropped. */
    void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        queue.clear();
        queue.add(END);
    }

    /**
     * The writer's loop; returns at the end of input (stdin closed, true) or on {@link #close}.
     *
     * @throws FlvTags.NotFlvException when the bytes are not FLV
     */
    boolean run() throws InterruptedException {
        while (true) {
            byte[] chunk = queue.poll(1, TimeUnit.SECONDS);
            if (isClosed()) {
                return false;
            }
            if (chunk == null) {
                continue;
            }
            if (chunk == END) {
                closeOut();
                return true;
            }
            if (queued.addAndGet(-chunk.length) < maxQueuedBytes / 2) {
                fireDrain();
            }
            tags.feed(chunk, this::write);
        }
    }

    private void write(FlvTags.Unit unit) {
        remember(unit);
        while (true) {
            OutputStream o;
            boolean fresh;
            synchronized (lock) {
                while (out == null && !closed) {
                    waitQuietly();
                }
                if (closed) {
                    return;
                }
                o = out;
                fresh = writingTo != attached;
                writingTo = attached;
            }
            try {
                if (fresh && header != null && unit.kind() != FlvTags.Kind.HEADER) {
                    replayTo(o, unit);
                }
                if (skipToKeyframe && skippable(unit)) {
                    return;
                }
                skipToKeyframe = false;
                o.write(unit.bytes());
                return;
            } catch (IOException e) {
                abandon(o);
            }
        }
    }

    private void replayTo(OutputStream o, FlvTags.Unit unit) throws IOException {
        for (FlvTags.Unit u : new FlvTags.Unit[] { header, metadata, videoConfig, audioConfig }) {
            if (u != null && u != unit) {
                o.write(u.bytes());
            }
        }
        skipToKeyframe = hasVideo;
    }

    private boolean skippable(FlvTags.Unit unit) {
        return switch (unit.kind()) {
            case VIDEO_KEY, HEADER, METADATA, VIDEO_CONFIG, AUDIO_CONFIG -> false;
            default -> true;
        };
    }

    private void remember(FlvTags.Unit unit) {
        switch (unit.kind()) {
            case HEADER -> header = unit;
            case METADATA -> metadata = unit;
            case VIDEO_CONFIG -> {
                videoConfig = unit;
                hasVideo = true;
            }
            case AUDIO_CONFIG -> audioConfig = unit;
            case VIDEO_KEY, VIDEO -> hasVideo = true;
            default -> {
            }
        }
    }

    private void abandon(OutputStream o) {
        synchronized (lock) {
            if (out == o) {
                out = null;
            }
        }
    }

    private void closeOut() {
        OutputStream o;
        synchronized (lock) {
            o = out;
            out = null;
        }
        if (o != null) {
            try {
                o.close();
            } catch (IOException e) {
                // the process is gone already
            }
        }
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    private void waitQuietly() {
        try {
            lock.wait(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    private void fireDrain() {
        Runnable r = drain.getAndSet(null);
        if (r != null) {
            r.run();
        }
    }
}
