package org.polyplex.ingest.flv;

import io.vertx.core.buffer.Buffer;

/**
 * Turns the messages of a publish into an FLV byte stream (FLV spec 10, annex E): {@link #header()}
 * is the file header followed by the last {@code onMetaData}, video sequence header and audio
 * sequence header seen, so a consumer that starts late (a restarted packager) gets them first;
 * {@link #tag} is one tag with its PreviousTagSize. Sequence headers are recognised as AVC
 * (codec id 7, AVCPacketType 0), Enhanced RTMP video (IsExHeader set, PacketType SequenceStart,
 * any FourCC such as {@code hvc1}) and AAC (sound format 10, AACPacketType 0); a new one replaces
 * the cached one. Timestamps are written as FLV's 32 bits (24 plus the extension byte). Pure and
 * not thread-safe: one publish, one event loop.
 */
public final class FlvMuxer {

    /** FLV tag types, the same numbers as the RTMP message types. */
    public static final int AUDIO = 8;
    public static final int VIDEO = 9;
    public static final int SCRIPT = 18;

    private Buffer metadata;
    private Buffer videoConfig;
    private Buffer audioConfig;

    /** The FLV header and the cached metadata and sequence header tags, at timestamp 0. */
    public Buffer header() {
        Buffer out = Buffer.buffer(64).appendString("FLV").appendByte((byte) 1).appendByte((byte) 0x05)
                .appendInt(9).appendInt(0);
        for (Buffer cached : new Buffer[] { metadata, videoConfig, audioConfig }) {
            if (cached != null) {
                out.appendBuffer(cached);
            }
        }
        return out;
    }

    /** One tag (and its PreviousTagSize); caches it when it is metadata or a sequence header. */
    public Buffer tag(int type, long timestamp, Buffer body) {
        Buffer tag = encode(type, timestamp, body);
        if (type == SCRIPT) {
            metadata = encode(type, 0, body);
        } else if (type == VIDEO && videoSequenceHeader(body)) {
            videoConfig = encode(type, 0, body);
        } else if (type == AUDIO && audioSequenceHeader(body)) {
            audioConfig = encode(type, 0, body);
        }
        return tag;
    }

    /** True when a video tag body is a decoder configuration (AVC or Enhanced RTMP). */
    public static boolean videoSequenceHeader(Buffer body) {
        if (body.length() < 2) {
            return false;
        }
        int first = body.getUnsignedByte(0);
        if ((first & 0x80) != 0) {
            return (first & 0x0f) == 0;
        }
        return (first & 0x0f) == 7 && body.getUnsignedByte(1) == 0;
    }

    /** True when an audio tag body is an AAC AudioSpecificConfig. */
    public static boolean audioSequenceHeader(Buffer body) {
        return body.length() >= 2 && (body.getUnsignedByte(0) >>> 4) == 10 && body.getUnsignedByte(1) == 0;
    }

    private static Buffer encode(int type, long timestamp, Buffer body) {
        int size = body.length();
        return Buffer.buffer(15 + size).appendByte((byte) type).appendMedium(size)
                .appendMedium((int) (timestamp & 0xFFFFFF)).appendByte((byte) (timestamp >>> 24))
                .appendMedium(0).appendBuffer(body).appendInt(11 + size);
    }
}
