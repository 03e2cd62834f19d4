package org.polyplex.restream.run;

import io.vertx.core.buffer.Buffer;

/**
 * What the channel's TS carries, read from the PAT and PMT at the start of a keyframe chunk:
 * whether it has audio, and whether that audio is AAC (which the copy profile passes through).
 * Pure; a chunk without a readable PMT answers "unknown" as audio present, not AAC.
 */
public record SourceStreams(boolean hasAudio, boolean audioAac) {

    static final SourceStreams UNKNOWN = new SourceStreams(true, false);

    private static final int SIZE = 188;

    /** Reads the first PAT and PMT among the chunk's first packets. */
    public static SourceStreams of(Buffer chunk) {
        byte[] ts = chunk.getBytes(0, Math.min(chunk.length(), SIZE * 64));
        int pmtPid = -1;
        for (int off = 0; off + SIZE <= ts.length; off += SIZE) {
            if (ts[off] != 0x47 || (ts[off + 1] & 0x40) == 0) {
                continue;
            }
            int pid = ((ts[off + 1] & 0x1F) << 8) | (ts[off + 2] & 0xFF);
            int s = section(ts, off);
            if (s < 0) {
                continue;
            }
            if (pid == 0 && pmtPid < 0 && ts[s] == 0x00 && s + 12 <= off + SIZE) {
                // first program entry after the 8-byte header: program_number(2), pid(2)
                pmtPid = ((ts[s + 10] & 0x1F) << 8) | (ts[s + 11] & 0xFF);
            } else if (pid == pmtPid && ts[s] == 0x02) {
                return pmt(ts, s, off + SIZE);
            }
        }
        return UNKNOWN;
    }

    private static int section(byte[] ts, int off) {
        int payload = off + 4;
        if ((ts[off + 3] & 0x20) != 0) {
            payload += 1 + (ts[off + 4] & 0xFF);
        }
        if ((ts[off + 3] & 0x10) == 0 || payload >= off + SIZE) {
            return -1;
        }
        int s = payload + 1 + (ts[payload] & 0xFF);
        return s < off + SIZE ? s : -1;
    }

    private static SourceStreams pmt(byte[] ts, int s, int end) {
        int sectionEnd = Math.min(end, s + 3 + (((ts[s + 1] & 0x0F) << 8) | (ts[s + 2] & 0xFF)) - 4);
        int infoLength = ((ts[s + 10] & 0x0F) << 8) | (ts[s + 11] & 0xFF);
        boolean audio = false;
        boolean aac = false;
        for (int i = s + 12 + infoLength; i + 5 <= sectionEnd;) {
            int type = ts[i] & 0xFF;
            int esInfo = ((ts[i + 3] & 0x0F) << 8) | (ts[i + 4] & 0xFF);
            boolean isAudio = switch (type) {
                case 0x03, 0x04, 0x0F, 0x11, 0x81, 0x87 -> true;
                case 0x06 -> audioDescriptor(ts, i + 5, Math.min(sectionEnd, i + 5 + esInfo));
                default -> false;
            };
            if (isAudio && !audio) {
                audio = true;
                aac = type == 0x0F;
            }
            i += 5 + esInfo;
        }
        return new SourceStreams(audio, aac);
    }

    /** AC-3, E-AC-3 or DTS descriptors mark private-data streams that are audio (DVB). */
    private static boolean audioDescriptor(byte[] ts, int from, int to) {
        for (int i = from; i + 2 <= to; i += 2 + (ts[i + 1] & 0xFF)) {
            int tag = ts[i] & 0xFF;
            if (tag == 0x6A || tag == 0x7A || tag == 0x7B) {
                return true;
            }
        }
        return false;
    }
}
