package org.polyplex.ingest.media.mux;

import java.util.ArrayList;
import java.util.List;

/** An AVCDecoderConfigurationRecord (ISO/IEC 14496-15): the NAL length size, SPS and PPS. */
record AvcConfig(int lengthSize, List<byte[]> sps, List<byte[]> pps) {

    private static final byte[] START = { 0, 0, 0, 1 };

    /** Null when the record is malformed. */
    static AvcConfig parse(byte[] b, int off, int len) {
        int end = off + len;
        if (len < 7 || b[off] != 1) {
            return null;
        }
        int lengthSize = (b[off + 4] & 0x03) + 1;
        if (lengthSize == 3) {
            return null;
        }
        int p = off + 5;
        List<byte[]> sps = new ArrayList<>();
        List<byte[]> pps = new ArrayList<>();
        int count = b[p++] & 0x1f;
        p = sets(b, p, end, count, sps);
        if (p < 0 || p >= end) {
            return null;
        }
        count = b[p++] & 0xff;
        p = sets(b, p, end, count, pps);
        if (p < 0 || sps.isEmpty() || pps.isEmpty()) {
            return null;
        }
        return new AvcConfig(lengthSize, List.copyOf(sps), List.copyOf(pps));
    }

    private static int sets(byte[] b, int p, int end, int count, List<byte[]> into) {
        for (int i = 0; i < count; i++) {
            if (p + 2 > end) {
                return -1;
            }
            int n = (b[p] & 0xff) << 8 | b[p + 1] & 0xff;
            p += 2;
            if (n == 0 || p + n > end) {
                return -1;
            }
            byte[] set = new byte[n];
            System.arraycopy(b, p, set, 0, n);
            into.add(set);
            p += n;
        }
        return p;
    }

    /** Appends every SPS then every PPS, each after a start code. */
    void parameterSets(Bytes out) {
        for (byte[] s : sps) {
            out.append(START, 0, START.length);
            out.append(s, 0, s.length);
        }
        for (byte[] s : pps) {
            out.append(START, 0, START.length);
            out.append(s, 0, s.length);
        }
    }
}
