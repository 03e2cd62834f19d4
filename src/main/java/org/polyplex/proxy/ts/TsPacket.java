package org.polyplex.proxy.ts;

import io.vertx.core.buffer.Buffer;

/**
 * Pure helpers over one 188-byte MPEG-TS packet held in a byte array at an offset: header
 * fields, PSI parsing (PAT/PMT) and keyframe detection. Nothing here allocates.
 */
public final class TsPacket {

    public static final int SIZE = 188;
    public static final byte SYNC = 0x47;
    public static final int PAT_PID = 0;
    public static final int NULL_PID = 0x1FFF;

    /** Video codecs we can find keyframes in, from the PMT stream type. */
    public enum Video {
        NONE,
        MPEG2,
        H264,
        HEVC
    }

    /** One shared null packet for keepalive; never mutated after creation. */
    public static final Buffer NULL_PACKET = nullPacket();

    /** Kinds of unit after a start code, for the keyframe search ({@link #isKeyframe}). */
    private static final int OTHER_UNIT = 0;
    private static final int RANDOM_ACCESS = 1;
    private static final int PARAMETER_SETS = 2;
    private static final int PICTURE = 3;

    private TsPacket() {
    }

    public static int pid(byte[] p, int off) {
        return ((p[off + 1] & 0x1F) << 8) | (p[off + 2] & 0xFF);
    }

    public static boolean payloadStart(byte[] p, int off) {
        return (p[off + 1] & 0x40) != 0;
    }

    public static int continuityCounter(byte[] p, int off) {
        return p[off + 3] & 0x0F;
    }

    static boolean hasAdaptation(byte[] p, int off) {
        return (p[off + 3] & 0x20) != 0;
    }

    static boolean hasPayload(byte[] p, int off) {
        return (p[off + 3] & 0x10) != 0;
    }

    /** Offset of the payload, or -1 when the packet carries none (or a broken adaptation field). */
    static int payloadOffset(byte[] p, int off) {
        if (!hasPayload(p, off)) {
            return -1;
        }
        int start = off + 4;
        if (hasAdaptation(p, off)) {
            start += 1 + (p[off + 4] & 0xFF);
        }
        return start < off + SIZE ? start : -1;
    }

    /** True when the adaptation field exists, is at least one byte long, so its flags can be set. */
    static boolean hasAdaptationFlags(byte[] p, int off) {
        return hasAdaptation(p, off) && (p[off + 4] & 0xFF) > 0;
    }

    /** Sets discontinuity_indicator in place; requires {@link #hasAdaptationFlags}. */
    static void markDiscontinuity(byte[] p, int off) {
        p[off + 5] |= (byte) 0x80;
    }

    /**
     * An adaptation-field-only packet for {@code pid} whose discontinuity_indicator is set: the
     * way to announce a discontinuity for a PID whose next packet has no adaptation field. Its
     * continuity counter repeats the previous payload packet's, as the standard asks for
     * packets without payload.
     */
    static void writeDiscontinuityPacket(byte[] dst, int off, int pid, int nextCc) {
        dst[off] = SYNC;
        dst[off + 1] = (byte) ((pid >> 8) & 0x1F);
        dst[off + 2] = (byte) pid;
        dst[off + 3] = (byte) (0x20 | ((nextCc - 1) & 0x0F));
        dst[off + 4] = (byte) 183;
        dst[off + 5] = (byte) 0x80;
        for (int i = off + 6; i < off + SIZE; i++) {
            dst[i] = (byte) 0xFF;
        }
    }

    /** The PMT PID of the first program of a PAT packet, or -1. */
    public static int pmtPidOf(byte[] p, int off) {
        return pmtPid(p, off);
    }

    static int pmtPid(byte[] p, int off) {
        int s = sectionStart(p, off);
        if (s < 0 || p[s] != 0) {
            return -1;
        }
        int end = Math.min(s + 3 + sectionLength(p, s) - 4, off + SIZE);
        for (int i = s + 8; i + 4 <= end; i += 4) {
            int program = ((p[i] & 0xFF) << 8) | (p[i + 1] & 0xFF);
            if (program != 0) {
                return ((p[i + 2] & 0x1F) << 8) | (p[i + 3] & 0xFF);
            }
        }
        return -1;
    }

    /**
     * The first video elementary stream of a PMT packet: returns {@code pid << 8 | codec ordinal},
     * or -1 when the PMT lists no video we know, or is not parseable in one packet.
     */
    static int videoStream(byte[] p, int off) {
        int s = sectionStart(p, off);
        if (s < 0 || p[s] != 2) {
            return -1;
        }
        int end = Math.min(s + 3 + sectionLength(p, s) - 4, off + SIZE);
        int i = s + 12 + (((p[s + 10] & 0x0F) << 8) | (p[s + 11] & 0xFF));
        while (i + 5 <= end) {
            int type = p[i] & 0xFF;
            int pid = ((p[i + 1] & 0x1F) << 8) | (p[i + 2] & 0xFF);
            Video video = switch (type) {
                case 0x01, 0x02 -> Video.MPEG2;
                case 0x1B -> Video.H264;
                case 0x24 -> Video.HEVC;
                default -> Video.NONE;
            };
            if (video != Video.NONE) {
                return pid << 8 | video.ordinal();
            }
            i += 5 + (((p[i + 3] & 0x0F) << 8) | (p[i + 4] & 0xFF));
        }
        return -1;
    }

    /**
     * True when this packet of the video PID starts a random-access point: the adaptation
     * field's random_access_indicator, or, in the first PES packet, an H.264 IDR/SPS, an HEVC
     * IRAP/VPS/SPS or an MPEG-2 sequence header before any other picture.
     */
    public static boolean isKeyframe(byte[] p, int off, Video video) {
        if (hasAdaptationFlags(p, off) && (p[off + 5] & 0x40) != 0) {
            return true;
        }
        int pl = payloadOffset(p, off);
        int end = off + SIZE;
        if (pl < 0 || !payloadStart(p, off) || pl + 9 > end || p[pl] != 0 || p[pl + 1] != 0 || p[pl + 2] != 1) {
            return false;
        }
        boolean parameterSets = false;
        for (int i = pl + 9 + (p[pl + 8] & 0xFF); i + 3 < end; i++) {
            if (p[i] != 0 || p[i + 1] != 0 || p[i + 2] != 1) {
                continue;
            }
            int unit = unit(video, p[i + 3] & 0xFF);
            if (unit != OTHER_UNIT) {
                if (unit != PARAMETER_SETS) {
                    return unit == RANDOM_ACCESS;
                }
                parameterSets = true;
            }
            i += 3;
        }
        return parameterSets;
    }

    /**
     * What the unit after a start code is, from its first byte: a random-access picture, parameter
     * sets (a keyframe follows when no other picture comes first), another picture, or other.
     */
    private static int unit(Video video, int nal) {
        return switch (video) {
            case H264 -> {
                int type = nal & 0x1F;
                yield type == 5 ? RANDOM_ACCESS : type == 7 ? PARAMETER_SETS : type >= 1 && type <= 4 ? PICTURE : OTHER_UNIT;
            }
            case HEVC -> {
                int type = (nal >> 1) & 0x3F;
                yield type >= 16 && type <= 21 ? RANDOM_ACCESS
                        : type == 32 || type == 33 ? PARAMETER_SETS : type <= 9 ? PICTURE : OTHER_UNIT;
            }
            case MPEG2 -> nal == 0xB3 ? RANDOM_ACCESS : nal == 0x00 ? PICTURE : OTHER_UNIT;
            default -> PICTURE;
        };
    }

    private static int sectionStart(byte[] p, int off) {
        if (!payloadStart(p, off)) {
            return -1;
        }
        int pl = payloadOffset(p, off);
        if (pl < 0) {
            return -1;
        }
        int s = pl + 1 + (p[pl] & 0xFF);
        return s + 12 < off + SIZE ? s : -1;
    }

    private static int sectionLength(byte[] p, int s) {
        return ((p[s + 1] & 0x0F) << 8) | (p[s + 2] & 0xFF);
    }

    private static Buffer nullPacket() {
        byte[] b = new byte[SIZE];
        b[0] = SYNC;
        b[1] = 0x1F;
        b[2] = (byte) 0xFF;
        b[3] = 0x10;
        for (int i = 4; i < SIZE; i++) {
            b[i] = (byte) 0xFF;
        }
        return Buffer.buffer(b);
    }
}
