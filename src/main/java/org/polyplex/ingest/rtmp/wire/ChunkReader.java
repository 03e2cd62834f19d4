package org.polyplex.ingest.rtmp.wire;

import java.util.HashMap;
import java.util.Map;

import io.vertx.core.buffer.Buffer;

/**
 * Reassembles RTMP messages from the chunk stream (spec 5.3): the four header types, 1, 2 and
 * 3-byte basic headers, extended timestamps (repeated on type-3 chunks of the same message, as the
 * spec and ffmpeg do; a continuation whose next four bytes are not that field is read as one
 * from an encoder that leaves it out), the
 * little-endian message stream id, per-chunk-stream state and interleaving across chunk streams.
 * Pull-based: {@link #feed} appends what the socket read, {@link #poll} answers the next whole
 * message or {@code null} when more bytes are needed, so the caller decides when to stop reading.
 * A chunk is consumed only once all of it is here, so any split of the input parses the same.
 * Bounds: a message longer than {@code maxMessageBytes}, more unfinished bytes than that across
 * all chunk streams, or more than {@code maxChunkStreams} chunk streams end in a
 * {@link RtmpProtocolException}. Not thread-safe: one connection's event loop.
 */
public final class ChunkReader {

    /** Largest chunk size the protocol can express (the spec's 0xFFFFFF). */
    public static final int MAX_CHUNK_SIZE = 0xFFFFFF;
    private static final int[] HEADER_SIZES = { 11, 7, 3, 0 };

    private final int maxMessageBytes;
    private final int maxChunkStreams;
    private final Map<Integer, ChunkStream> streams = new HashMap<>();
    private Buffer data = Buffer.buffer();
    private int pos;
    private int chunkSize = 128;
    private long unfinished;

    public ChunkReader(int maxMessageBytes, int maxChunkStreams) {
        this.maxMessageBytes = maxMessageBytes;
        this.maxChunkStreams = maxChunkStreams;
    }

    /** Appends bytes read from the peer. */
    public void feed(Buffer bytes) {
        int left = data.length() - pos;
        if (left == 0) {
            data = bytes;
        } else {
            data = Buffer.buffer(left + bytes.length()).appendBuffer(data, pos, left).appendBuffer(bytes);
        }
        pos = 0;
    }

    /** Bytes fed and not yet consumed. */
    public int buffered() {
        return data.length() - pos;
    }

    /** The peer's Set Chunk Size: 1 to {@link #MAX_CHUNK_SIZE}, anything else is a protocol error. */
    public void chunkSize(long size) {
        if (size < 1 || size > MAX_CHUNK_SIZE) {
            throw new RtmpProtocolException("chunk size " + size + " out of range");
        }
        chunkSize = (int) size;
    }

    /** The peer's Abort: drops the unfinished message of that chunk stream. */
    public void abort(int chunkStreamId) {
        ChunkStream stream = streams.get(chunkStreamId);
        if (stream != null && stream.body != null) {
            unfinished -= stream.received;
            stream.body = null;
            stream.received = 0;
        }
    }

    /** The next whole message, or {@code null} when the bytes fed so far do not finish one. */
    public RtmpMessage poll() {
        while (true) {
            int before = pos;
            RtmpMessage message = chunk();
            if (message != null || pos == before) {
                return message;
            }
        }
    }

    /** Consumes one chunk when it is all here; answers the message it finishes, if any. */
    private RtmpMessage chunk() {
        int p = pos;
        int end = data.length();
        if (end - p < 1) {
            return null;
        }
        int first = data.getUnsignedByte(p++);
        int fmt = first >>> 6;
        int csid = first & 0x3f;
        if (csid == 0) {
            if (end - p < 1) {
                return null;
            }
            csid = 64 + data.getUnsignedByte(p++);
        } else if (csid == 1) {
            if (end - p < 2) {
                return null;
            }
            csid = 64 + data.getUnsignedByte(p) + data.getUnsignedByte(p + 1) * 256;
            p += 2;
        }
        ChunkStream stream = streams.get(csid);
        if (stream == null && fmt != 0) {
            throw new RtmpProtocolException("chunk stream starts without a full header");
        }
        if (stream == null && streams.size() >= maxChunkStreams) {
            throw new RtmpProtocolException("more than " + maxChunkStreams + " chunk streams");
        }
        boolean starts = stream == null || stream.body == null;
        if (!starts && fmt != 3) {
            throw new RtmpProtocolException("new message header inside an unfinished message");
        }
        if (end - p < HEADER_SIZES[fmt]) {
            return null;
        }
        long time = fmt < 3 ? data.getUnsignedMedium(p) : 0;
        long length = fmt < 2 ? data.getUnsignedMedium(p + 3) : stream.length;
        int type = fmt < 2 ? data.getUnsignedByte(p + 6) : stream.type;
        long streamId = fmt == 0 ? data.getUnsignedIntLE(p + 7) : stream.streamId;
        p += HEADER_SIZES[fmt];
        boolean extended = fmt < 3 ? time == 0xFFFFFF : stream.extended;
        if (extended) {
            if (end - p < 4) {
                return null;
            }
            long field = data.getUnsignedInt(p);
            // a continuation repeats its message's field (spec, ffmpeg); some encoders leave it out
            if (starts || field == stream.extendedField) {
                time = field;
                p += 4;
            }
        }
        if (length > maxMessageBytes) {
            throw new RtmpProtocolException("message of " + length + " bytes over the bound");
        }
        int received = starts ? 0 : stream.received;
        int payload = (int) Math.min(chunkSize, length - received);
        if (end - p < payload) {
            return null;
        }
        if (stream == null) {
            stream = new ChunkStream();
            streams.put(csid, stream);
        }
        stream.header(fmt, time, length, type, streamId, extended, starts);
        if (starts && extended) {
            stream.extendedField = time;
        }
        if (unfinished + payload > maxMessageBytes) {
            throw new RtmpProtocolException("unfinished messages over the bound");
        }
        if (starts) {
            stream.body = Buffer.buffer((int) Math.min(length, 65536));
        }
        stream.body.appendBuffer(data, p, payload);
        stream.received += payload;
        unfinished += payload;
        pos = p + payload;
        if (stream.received < stream.length) {
            return null;
        }
        RtmpMessage message = new RtmpMessage(csid, stream.type, stream.streamId, stream.timestamp, stream.body);
        unfinished -= stream.received;
        stream.body = null;
        stream.received = 0;
        return message;
    }

    /** What a chunk stream remembers between chunks (the fields later header types leave out). */
    private static final class ChunkStream {
        long timestamp;
        long delta;
        long length;
        int type;
        long streamId;
        boolean extended;
        long extendedField;
        Buffer body;
        int received;

        void header(int fmt, long time, long length, int type, long streamId, boolean extended, boolean starts) {
            this.length = length;
            this.type = type;
            this.streamId = streamId;
            this.extended = extended;
            if (!starts) {
                return;
            }
            if (fmt == 0) {
                timestamp = time;
                delta = time;
            } else if (fmt < 3) {
                delta = time;
                timestamp = (timestamp + time) & 0xFFFFFFFFL;
            } else {
                timestamp = (timestamp + delta) & 0xFFFFFFFFL;
            }
        }
    }
}
