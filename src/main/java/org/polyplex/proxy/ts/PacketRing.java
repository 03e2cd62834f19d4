package org.polyplex.proxy.ts;

import io.vertx.core.buffer.Buffer;

/**
 * The bounded history of one channel: chunks of aligned TS packets, numbered by a sequence that
 * only grows, bounded by chunk count and total bytes (the oldest chunks fall out). Readers hold
 * sequence numbers as cursors. The chunks from {@link #lastKeyframe()} to the head are the GOP
 * cache a new viewer starts from.
 * <p>
 * Not thread-safe: owned by one session and used on its context only.
 */
public final class PacketRing {

    private final Buffer[] chunks;
    private final long[] offsets;
    private final boolean[] keyframes;
    private final long maxBytes;
    private long head;
    private long tail;
    private long bytesIn;
    private long bytesHeld;
    private long lastKeyframe = -1;

    public PacketRing(int maxChunks, long maxBytes) {
        this.chunks = new Buffer[maxChunks];
        this.offsets = new long[maxChunks];
        this.keyframes = new boolean[maxChunks];
        this.maxBytes = maxBytes;
    }

    /** Appends a chunk and returns its sequence number. */
    public long append(Buffer chunk, boolean keyframe) {
        while (tail < head && (head - tail >= chunks.length || bytesHeld + chunk.length() > maxBytes)) {
            int slot = slot(tail);
            bytesHeld -= chunks[slot].length();
            chunks[slot] = null;
            tail++;
        }
        if (lastKeyframe >= 0 && lastKeyframe < tail) {
            lastKeyframe = -1;
        }
        int slot = slot(head);
        chunks[slot] = chunk;
        offsets[slot] = bytesIn;
        keyframes[slot] = keyframe;
        bytesIn += chunk.length();
        bytesHeld += chunk.length();
        if (keyframe) {
            lastKeyframe = head;
        }
        return head++;
    }

    /**
     * Drops every chunk held, keeping the sequence: a reader's cursor falls behind the tail, and
     * there is no GOP cache until the next keyframe chunk.
     */
    public void clear() {
        for (long seq = tail; seq < head; seq++) {
            chunks[slot(seq)] = null;
        }
        tail = head;
        bytesHeld = 0;
        lastKeyframe = -1;
    }

    /** The sequence number the next chunk will get. */
    public long head() {
        return head;
    }

    /** The oldest sequence number still held. */
    public long tail() {
        return tail;
    }

    /** The newest keyframe chunk still held, or -1. */
    public long lastKeyframe() {
        return lastKeyframe;
    }

    public Buffer get(long seq) {
        return chunks[slot(seq)];
    }

    public boolean isKeyframe(long seq) {
        return keyframes[slot(seq)];
    }

    /** Bytes between a cursor and the head: how far behind live a reader is. */
    public long lag(long seq) {
        if (seq >= head) {
            return 0;
        }
        return bytesIn - (seq < tail ? offsets[slot(tail)] : offsets[slot(seq)]);
    }

    /** All bytes ever appended. */
    public long bytesIn() {
        return bytesIn;
    }

    private int slot(long seq) {
        return (int) (seq % chunks.length);
    }
}
