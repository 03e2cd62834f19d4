package org.polyplex.ingest.rtmp.wire;

import io.vertx.core.buffer.Buffer;

/**
 * Splits our messages into chunks: a type-0 header on the first chunk, type-3 headers on the
 * continuation chunks, extended timestamps (repeated on every continuation) when the timestamp
 * does not fit 24 bits. The server's replies are small; chunk stream ids 2 to 63 are enough.
 */
public final class ChunkWriter {

    private int chunkSize = 128;

    /** Takes effect for the messages written after our Set Chunk Size. */
    public void chunkSize(int size) {
        if (size < 1 || size > ChunkReader.MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("chunk size " + size);
        }
        chunkSize = size;
    }

    public int chunkSize() {
        return chunkSize;
    }

    /** The chunks of one message. */
    public Buffer write(int chunkStreamId, int type, long streamId, long timestamp, Buffer body) {
        if (chunkStreamId < 2 || chunkStreamId > 63) {
            throw new IllegalArgumentException("chunk stream id " + chunkStreamId);
        }
        boolean extended = timestamp >= 0xFFFFFF;
        int length = body.length();
        Buffer out = Buffer.buffer(length + 16 + (length / chunkSize) * 5);
        out.appendByte((byte) chunkStreamId);
        out.appendMedium(extended ? 0xFFFFFF : (int) timestamp);
        out.appendMedium(length);
        out.appendByte((byte) type);
        out.appendIntLE((int) streamId);
        int written = 0;
        do {
            if (written > 0) {
                out.appendByte((byte) (0xC0 | chunkStreamId));
            }
            if (extended) {
                out.appendUnsignedInt(timestamp & 0xFFFFFFFFL);
            }
            int n = Math.min(chunkSize, length - written);
            out.appendBuffer(body, written, n);
            written += n;
        } while (written < length);
        return out;
    }
}
