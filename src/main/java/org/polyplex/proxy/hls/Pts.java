package org.polyplex.proxy.hls;

import io.vertx.core.buffer.Buffer;

/** Reads the presentation time stamp of the first video PES in a chunk of aligned TS packets. */
final class Pts {

    private static final int PACKET = 188;

    private Pts() {
    }

    /** The 33-bit PTS (90 kHz) of the first video PES that starts in the chunk, or -1. */
    static long ofKeyframe(Buffer chunk) {
        for (int off = 0; off + PACKET <= chunk.length(); off += PACKET) {
            if (chunk.getByte(off) != 0x47 || (chunk.getByte(off + 1) & 0x40) == 0) {
                continue;
            }
            int control = (chunk.getByte(off + 3) >> 4) & 0x3;
            int payload = off + 4;
            if (control == 2) {
                continue;
            }
            if (control == 3) {
                payload += 1 + (chunk.getUnsignedByte(off + 4));
            }
            if (payload + 14 > off + PACKET) {
                continue;
            }
            boolean pes = chunk.getByte(payload) == 0 && chunk.getByte(payload + 1) == 0
                    && chunk.getByte(payload + 2) == 1;
            int streamId = chunk.getUnsignedByte(payload + 3);
            if (!pes || streamId < 0xE0 || streamId > 0xEF) {
                continue;
            }
            if ((chunk.getUnsignedByte(payload + 7) & 0x80) == 0) {
                return -1;
            }
            int p = payload + 9;
            return ((long) (chunk.getUnsignedByte(p) & 0x0E) << 29) | ((long) chunk.getUnsignedByte(p + 1) << 22)
                    | ((long) (chunk.getUnsignedByte(p + 2) & 0xFE) << 14) | ((long) chunk.getUnsignedByte(p + 3) << 7)
                    | (chunk.getUnsignedByte(p + 4) >> 1);
        }
        return -1;
    }
}
