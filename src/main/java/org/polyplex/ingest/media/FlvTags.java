package org.polyplex.ingest.media;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits an FLV byte stream, arriving in chunks of any size, into its header and whole tags, and
 * classifies each (metadata, codec configuration, keyframe). The packager's input writer uses it to
 * replay the header and codec configuration to a restarted ffmpeg and to resume it at a keyframe.
 * Not thread-safe: one writer thread.
 */
final class FlvTags {

    enum Kind {
        HEADER,
        METADATA,
        VIDEO_CONFIG,
        AUDIO_CONFIG,
        VIDEO_KEY,
        VIDEO,
        AUDIO,
        OTHER
    }

    record Unit(Kind kind, byte[] bytes) {
    }

    static final class NotFlvException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFlvException(String message) {
            super(message);
        }
    }

    private static final int TAG_HEADER = 11;
    private static final int TRAILER = 4;

    private byte[] pending = new byte[64 * 1024];
    private int length;
    private boolean headerSeen;

    /** Takes the next bytes; hands every unit they complete to {@code units}, in order. */
    void feed(byte[] bytes, Consumer<Unit> units) {
        ensure(length + bytes.length);
        System.arraycopy(bytes, 0, pending, length, bytes.length);
        length += bytes.length;
        int pos = 0;
        while (true) {
            int size = nextUnitSize(pos);
            if (size < 0 || pos + size > length) {
                break;
            }
            byte[] unit = Arrays.copyOfRange(pending, pos, pos + size);
            units.accept(new Unit(headerSeen ? kind(unit) : Kind.HEADER, unit));
            headerSeen = true;
            pos += size;
        }
        System.arraycopy(pending, pos, pending, 0, length - pos);
        length -= pos;
    }

    private int nextUnitSize(int pos) {
        if (!headerSeen) {
            if (length - pos < 9) {
                return -1;
            }
            if (pending[pos] != 'F' || pending[pos + 1] != 'L' || pending[pos + 2] != 'V') {
                throw new NotFlvException("the publish's bytes are not an FLV stream");
            }
            int offset = u32(pos + 5);
            if (offset < 9 || offset > 1024) {
                throw new NotFlvException("bad FLV header size " + offset);
            }
            return offset + TRAILER;
        }
        if (length - pos < TAG_HEADER) {
            return -1;
        }
        int dataSize = (pending[pos + 1] & 0xff) << 16 | (pending[pos + 2] & 0xff) << 8 | pending[pos + 3] & 0xff;
        return TAG_HEADER + dataSize + TRAILER;
    }

    static Kind kind(byte[] tag) {
        int type = tag[0] & 0x1f;
        boolean hasBody2 = tag.length >= TAG_HEADER + 2 + TRAILER;
        int b0 = tag.length > TAG_HEADER + TRAILER ? tag[TAG_HEADER] & 0xff : 0;
        int b1 = hasBody2 ? tag[TAG_HEADER + 1] & 0xff : -1;
        return switch (type) {
            case 18 -> Kind.METADATA;
            case 9 -> video(b0, b1);
            case 8 -> (b0 >> 4) == 10 && b1 == 0 ? Kind.AUDIO_CONFIG : Kind.AUDIO;
            default -> Kind.OTHER;
        };
    }

    /** AVC: packet type 0 is the configuration, 1 a frame, 2 the end of sequence (not a keyframe). */
    private static Kind video(int b0, int b1) {
        boolean avc = (b0 & 0x0f) == 7;
        if (avc && b1 == 0) {
            return Kind.VIDEO_CONFIG;
        }
        boolean key = (b0 >> 4) == 1 && (!avc || b1 == 1);
        return key ? Kind.VIDEO_KEY : Kind.VIDEO;
    }

    private int u32(int pos) {
        return (pending[pos] & 0xff) << 24 | (pending[pos + 1] & 0xff) << 16 | (pending[pos + 2] & 0xff) << 8
                | pending[pos + 3] & 0xff;
    }

    private void ensure(int capacity) {
        if (capacity > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(capacity, pending.length * 2));
        }
    }
}
