package org.polyplex.restream.run;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.buffer.Buffer;

/**
 * The bytes waiting for one destination's ffmpeg, bounded in bytes. The session's context offers
 * chunks and never waits: past the bound, or while no ffmpeg takes them, chunks are dropped until
 * the next keyframe chunk (so the ffmpeg always gets a decodable stream: PAT, PMT, a keyframe).
 * One writer thread takes them. Counters for the status.
 */
final class FeedQueue {

    private final long maxBytes;
    private final LinkedBlockingQueue<Buffer> chunks = new LinkedBlockingQueue<>();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong droppedBytes = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();
    private volatile boolean open;
    private volatile boolean waitKeyframe = true;
    private volatile long lastOfferNanos;
    private volatile long firstOfferNanos;

    FeedQueue(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** On the session's context: queues the chunk or drops it; never blocks. */
    void offer(Buffer chunk, boolean keyframe) {
        long now = System.nanoTime();
        lastOfferNanos = now;
        int length = chunk.length();
        if (!open) {
            waitKeyframe = true;
            return;
        }
        if (waitKeyframe && !keyframe) {
            droppedBytes.addAndGet(length);
            return;
        }
        if (queued.get() + length > maxBytes) {
            if (!waitKeyframe) {
                gaps.incrementAndGet();
            }
            waitKeyframe = true;
            droppedBytes.addAndGet(length);
            return;
        }
        if (waitKeyframe) {
            waitKeyframe = false;
            if (firstOfferNanos == 0) {
                firstOfferNanos = now;
            }
        }
        queued.addAndGet(length);
        chunks.add(chunk);
    }

    /** For a new ffmpeg: empties the queue and takes chunks again from the next keyframe. */
    void open() {
        chunks.clear();
        queued.set(0);
        waitKeyframe = true;
        firstOfferNanos = 0;
        open = true;
    }

    /** No ffmpeg takes chunks: they are dropped (not counted) until the next {@link #open}. */
    void close() {
        open = false;
        chunks.clear();
        queued.set(0);
    }

    /** The writer's side: the next chunk, or null after the timeout. */
    Buffer take(long timeoutMs) throws InterruptedException {
        Buffer b = chunks.poll(timeoutMs, TimeUnit.MILLISECONDS);
        if (b != null) {
            queued.addAndGet(-b.length());
        }
        return b;
    }

    long queuedBytes() {
        return queued.get();
    }

    long droppedBytes() {
        return droppedBytes.get();
    }

    long gaps() {
        return gaps.get();
    }

    /** When the channel last offered a chunk (System.nanoTime), 0 before the first. */
    long lastOfferNanos() {
        return lastOfferNanos;
    }

    /** When the current ffmpeg was first given a chunk (System.nanoTime), 0 when not yet. */
    long firstOfferNanos() {
        return firstOfferNanos;
    }
}
