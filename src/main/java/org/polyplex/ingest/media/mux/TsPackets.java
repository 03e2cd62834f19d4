package org.polyplex.ingest.media.mux;

/**
 * Writes MPEG-TS packets (ISO/IEC 13818-1): PAT and PMT sections with their CRC, and PES packets
 * split across 188-byte packets with continuity counters, PCR and the random access indicator in
 * the adaptation field, and stuffing in the last packet. Appends to a {@link Bytes}. Not
 * thread-safe.
 */
final class TsPackets {

    static final int SIZE = 188;
    static final int PMT_PID = 0x1000;
    static final int VIDEO_PID = 0x100;
    static final int AUDIO_PID = 0x101;
    static final int STREAM_TYPE_H264 = 0x1b;
    static final int STREAM_TYPE_AAC = 0x0f;

    private static final int[] CRC_TABLE = crcTable();

    private int patCc;
    private int pmtCc;
    private int videoCc;
    private int audioCc;
    private int pmtVersion = -1;

    /** PAT then PMT, the PMT listing the streams known now; {@code pcrPid} carries the clock. */
    void psi(Bytes out, boolean video, boolean audio, int pcrPid, boolean newVersion) {
        if (newVersion || pmtVersion < 0) {
            pmtVersion = (pmtVersion + 1) & 0x1f;
        }
        byte[] pat = { 0x00, (byte) 0xb0, 0x0d, 0x00, 0x01, (byte) 0xc1, 0x00, 0x00, 0x00, 0x01,
                (byte) (0xe0 | PMT_PID >> 8), (byte) PMT_PID, 0, 0, 0, 0 };
        crc(pat, pat.length - 4);
        section(out, 0, pat, patCc);
        patCc = (patCc + 1) & 0x0f;
        int streams = (video ? 1 : 0) + (audio ? 1 : 0);
        int sectionLength = 9 + 5 * streams + 4;
        byte[] pmt = new byte[3 + sectionLength];
        int i = 0;
        pmt[i++] = 0x02;
        pmt[i++] = (byte) (0xb0 | sectionLength >> 8);
        pmt[i++] = (byte) sectionLength;
        pmt[i++] = 0x00;
        pmt[i++] = 0x01;
        pmt[i++] = (byte) (0xc1 | pmtVersion << 1);
        pmt[i++] = 0x00;
        pmt[i++] = 0x00;
        pmt[i++] = (byte) (0xe0 | pcrPid >> 8);
        pmt[i++] = (byte) pcrPid;
        pmt[i++] = (byte) 0xf0;
        pmt[i++] = 0x00;
        if (video) {
            i = stream(pmt, i, STREAM_TYPE_H264, VIDEO_PID);
        }
        if (audio) {
            i = stream(pmt, i, STREAM_TYPE_AAC, AUDIO_PID);
        }
        crc(pmt, i);
        section(out, PMT_PID, pmt, pmtCc);
        pmtCc = (pmtCc + 1) & 0x0f;
    }

    /**
     * One PES: header (PTS, and DTS when it differs) then {@code payload}, over as many packets as it
     * takes. {@code pcr} (27 MHz) is written in the first packet when not negative.
     */
    void pes(Bytes out, int pid, int streamId, long pts, long dts, byte[] payload, int offset, int length, long pcr,
            boolean randomAccess) {
        boolean withDts = dts != pts;
        int headerData = withDts ? 10 : 5;
        int pesLength = 3 + headerData + length;
        byte[] header = new byte[9 + headerData];
        header[2] = 0x01;
        header[3] = (byte) streamId;
        if (pesLength <= 0xffff && pid != VIDEO_PID) {
            header[4] = (byte) (pesLength >> 8);
            header[5] = (byte) pesLength;
        }
        header[6] = (byte) 0x84;
        header[7] = (byte) (withDts ? 0xc0 : 0x80);
        header[8] = (byte) headerData;
        timestamp(header, 9, withDts ? 0x30 : 0x20, pts);
        if (withDts) {
            timestamp(header, 14, 0x10, dts);
        }
        int total = header.length + length;
        int written = 0;
        boolean first = true;
        while (written < total) {
            int start = out.length();
            out.ensure(SIZE);
            byte[] p = out.array();
            int cc = nextCc(pid);
            p[start] = 0x47;
            p[start + 1] = (byte) ((first ? 0x40 : 0) | pid >> 8);
            p[start + 2] = (byte) pid;
            int adaptation = 0; // bytes of the adaptation field, its length byte included
            boolean clock = first && pcr >= 0;
            boolean flags = clock || first && randomAccess;
            if (flags) {
                adaptation = 2 + (clock ? 6 : 0);
            }
            int room = SIZE - 4 - adaptation;
            int left = total - written;
            if (left < room) {
                // stuffing: the adaptation field grows (or appears) to fill the packet
                adaptation += room - left;
                room = left;
            }
            int pos = start + 4;
            if (adaptation > 0) {
                p[start + 3] = (byte) (0x30 | cc);
                p[pos] = (byte) (adaptation - 1);
                if (adaptation > 1) {
                    p[pos + 1] = (byte) ((first && randomAccess ? 0x40 : 0) | (clock ? 0x10 : 0));
                    int a = pos + 2;
                    if (clock) {
                        long base = pcr / 300;
                        long ext = pcr % 300;
                        p[a++] = (byte) (base >> 25);
                        p[a++] = (byte) (base >> 17);
                        p[a++] = (byte) (base >> 9);
                        p[a++] = (byte) (base >> 1);
                        p[a++] = (byte) ((base & 1) << 7 | 0x7e | ext >> 8);
                        p[a++] = (byte) ext;
                    }
                    while (a < pos + adaptation) {
                        p[a++] = (byte) 0xff;
                    }
                }
                pos += adaptation;
            } else {
                p[start + 3] = (byte) (0x10 | cc);
            }
            int n = 0;
            if (written < header.length) {
                n = Math.min(room, header.length - written);
                System.arraycopy(header, written, p, pos, n);
            }
            if (n < room) {
                System.arraycopy(payload, offset + written + n - header.length, p, pos + n, room - n);
            }
            written += room;
            out.length(start + SIZE);
            first = false;
        }
    }

    private int nextCc(int pid) {
        int cc;
        if (pid == VIDEO_PID) {
            cc = videoCc;
            videoCc = (videoCc + 1) & 0x0f;
        } else {
            cc = audioCc;
            audioCc = (audioCc + 1) & 0x0f;
        }
        return cc;
    }

    private static int stream(byte[] pmt, int i, int type, int pid) {
        pmt[i++] = (byte) type;
        pmt[i++] = (byte) (0xe0 | pid >> 8);
        pmt[i++] = (byte) pid;
        pmt[i++] = (byte) 0xf0;
        pmt[i++] = 0x00;
        return i;
    }

    private static void section(Bytes out, int pid, byte[] section, int cc) {
        int start = out.length();
        out.ensure(SIZE);
        byte[] p = out.array();
        p[start] = 0x47;
        p[start + 1] = (byte) (0x40 | pid >> 8);
        p[start + 2] = (byte) pid;
        p[start + 3] = (byte) (0x10 | cc);
        p[start + 4] = 0x00; // pointer field
        System.arraycopy(section, 0, p, start + 5, section.length);
        for (int i = start + 5 + section.length; i < start + SIZE; i++) {
            p[i] = (byte) 0xff;
        }
        out.length(start + SIZE);
    }

    private static void timestamp(byte[] b, int i, int prefix, long t) {
        b[i] = (byte) (prefix | (t >> 29 & 0x0e) | 1);
        b[i + 1] = (byte) (t >> 22);
        b[i + 2] = (byte) ((t >> 14 & 0xfe) | 1);
        b[i + 3] = (byte) (t >> 7);
        b[i + 4] = (byte) ((t << 1 & 0xfe) | 1);
    }

    /** Writes the MPEG-2 CRC-32 of {@code b[0, length)} at {@code length}. */
    static void crc(byte[] b, int length) {
        int crc = 0xffffffff;
        for (int i = 0; i < length; i++) {
            crc = crc << 8 ^ CRC_TABLE[(crc >>> 24 ^ b[i]) & 0xff];
        }
        b[length] = (byte) (crc >>> 24);
        b[length + 1] = (byte) (crc >>> 16);
        b[length + 2] = (byte) (crc >>> 8);
        b[length + 3] = (byte) crc;
    }

    private static int[] crcTable() {
        int[] t = new int[256];
        for (int i = 0; i < 256; i++) {
            int c = i << 24;
            for (int k = 0; k < 8; k++) {
                c = (c & 0x80000000) != 0 ? c << 1 ^ 0x04c11db7 : c << 1;
            }
            t[i] = c;
        }
        return t;
    }
}
