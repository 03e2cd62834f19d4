package org.polyplex.ingest.media.mux;

/**
 * Remuxes a publish's FLV tags (H.264 and AAC, as OBS and ffmpeg send them) into MPEG-TS without
 * decoding: AVC length-prefixed NAL units become Annex B with an access unit delimiter, and SPS/PPS
 * before every keyframe; AAC frames get ADTS headers; PTS/DTS come from the tag timestamp and
 * composition offset, shifted by 1.4 s with the PCR 0.7 s behind (the decoder's buffering). PAT
 * and PMT open the stream, precede every keyframe and recur every 500 ms. Output starts at the first
 * video keyframe (at the first audio frame for a publish without video). Frames whose bytes
 * contradict their own lengths are dropped and counted. Pure and not thread-safe: one publish.
 */
public final class TsMuxer {

    /** A codec this muxer cannot carry; the publish needs the ffmpeg packager. */
    public static final class UnsupportedCodecException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnsupportedCodecException(String message) {
            super(message);
        }
    }

    /** What one tag became: its TS packets (maybe none), and whether they start with a keyframe. */
    public record Muxed(byte[] ts, boolean keyframe, boolean video, long dtsMillis) {
        static final Muxed NOTHING = new Muxed(new byte[0], false, false, -1);
    }

    private static final int TAG_HEADER = 11;
    private static final long OFFSET_90K = 126_000;
    private static final long PCR_LAG_90K = 63_000;
    private static final long PSI_EVERY_90K = 45_000;
    private static final byte[] START = { 0, 0, 0, 1 };
    private static final byte[] AUD = { 0, 0, 0, 1, 0x09, (byte) 0xf0 };

    private final TsPackets packets = new TsPackets();
    private final Bytes out = new Bytes(64 * 1024);
    private final Bytes frame = new Bytes(64 * 1024);
    private AvcConfig avc;
    private AacConfig aac;
    private boolean expectVideo = true;
    private boolean started;
    private boolean pmtHasAudio;
    private long lastPsi = Long.MIN_VALUE;
    private long dropped;

    /** Frames dropped as malformed so far. */
    public long dropped() {
        return dropped;
    }

    /** The FLV header's flags say whether video will come (audio-only publishes start at audio). */
    public void header(byte[] flvHeader) {
        if (flvHeader.length > 4) {
            expectVideo = (flvHeader[4] & 0x01) != 0;
        }
    }

    /** One whole FLV tag (11-byte header, body, the 4-byte trailer optional). */
    public Muxed tag(byte[] tag) {
        if (tag.length < TAG_HEADER + 1) {
            return Muxed.NOTHING;
        }
        int type = tag[0] & 0x1f;
        int size = (tag[1] & 0xff) << 16 | (tag[2] & 0xff) << 8 | tag[3] & 0xff;
        if (TAG_HEADER + size > tag.length) {
            dropped++;
            return Muxed.NOTHING;
        }
        long millis = ((tag[7] & 0xffL) << 24) | (tag[4] & 0xff) << 16 | (tag[5] & 0xff) << 8 | tag[6] & 0xff;
        return switch (type) {
            case 9 -> video(tag, TAG_HEADER, size, millis);
            case 8 -> audio(tag, TAG_HEADER, size, millis);
            default -> Muxed.NOTHING;
        };
    }

    private Muxed video(byte[] t, int body, int size, long millis) {
        if (size < 5) {
            return Muxed.NOTHING;
        }
        int codec = t[body] & 0x0f;
        if (codec != 7) {
            throw new UnsupportedCodecException("video codec id " + codec + " (only H.264 is remuxed)");
        }
        boolean key = (t[body] & 0xf0) == 0x10;
        int packetType = t[body + 1] & 0xff;
        if (packetType == 0) {
            AvcConfig parsed = AvcConfig.parse(t, body + 5, size - 5);
            if (parsed == null) {
                dropped++;
            } else {
                avc = parsed;
            }
            return Muxed.NOTHING;
        }
        if (packetType != 1 || avc == null || !started && !key) {
            return Muxed.NOTHING;
        }
        int cts = (t[body + 2] << 16 | (t[body + 3] & 0xff) << 8 | t[body + 4] & 0xff) << 8 >> 8;
        if (!annexB(t, body + 5, size - 5, key)) {
            dropped++;
            return Muxed.NOTHING;
        }
        started = true;
        long dts = OFFSET_90K + millis * 90;
        long pts = dts + cts * 90L;
        psiIfDue(dts, key);
        packets.pes(out, TsPackets.VIDEO_PID, 0xe0, pts, dts, frame.array(), 0, frame.length(),
                (dts - PCR_LAG_90K) * 300, key);
        return new Muxed(out.take(), key, true, millis);
    }

    private Muxed audio(byte[] t, int body, int size, long millis) {
        if (size < 2) {
            return Muxed.NOTHING;
        }
        int format = (t[body] & 0xf0) >> 4;
        if (format != 10) {
            throw new UnsupportedCodecException("audio format " + format + " (only AAC is remuxed)");
        }
        if ((t[body + 1] & 0xff) == 0) {
            AacConfig parsed = AacConfig.parse(t, body + 2, size - 2);
            if (parsed == null) {
                dropped++;
            } else {
                aac = parsed;
            }
            return Muxed.NOTHING;
        }
        boolean audioStarts = !expectVideo && !started;
        if (aac == null || !started && !audioStarts) {
            return Muxed.NOTHING;
        }
        int raw = size - 2;
        if (raw <= 0 || raw + 7 > 0x1fff) {
            dropped++;
            return Muxed.NOTHING;
        }
        started = true;
        frame.length(0);
        frame.ensure(7 + raw);
        aac.adts(frame.array(), 0, raw);
        System.arraycopy(t, body + 2, frame.array(), 7, raw);
        frame.length(7 + raw);
        long pts = OFFSET_90K + millis * 90;
        psiIfDue(pts, audioStarts);
        long pcr = avc == null ? (pts - PCR_LAG_90K) * 300 : -1;
        packets.pes(out, TsPackets.AUDIO_PID, 0xc0, pts, pts, frame.array(), 0, frame.length(), pcr, audioStarts);
        return new Muxed(out.take(), audioStarts, false, millis);
    }

    private void psiIfDue(long now, boolean force) {
        boolean audioAppeared = aac != null && !pmtHasAudio;
        if (force || audioAppeared || lastPsi == Long.MIN_VALUE || now - lastPsi >= PSI_EVERY_90K) {
            boolean video = avc != null;
            packets.psi(out, video, aac != null, video ? TsPackets.VIDEO_PID : TsPackets.AUDIO_PID,
                    audioAppeared && lastPsi != Long.MIN_VALUE);
            pmtHasAudio = aac != null;
            lastPsi = now;
        }
    }

    /** The access unit as Annex B in {@link #frame}; false when its NAL lengths overrun it. */
    private boolean annexB(byte[] t, int from, int length, boolean key) {
        frame.length(0);
        frame.append(AUD, 0, AUD.length);
        boolean hasParameterSets = false;
        int end = from + length;
        int n = avc.lengthSize();
        for (int p = from; p < end;) {
            if (p + n > end) {
                return false;
            }
            int nal = 0;
            for (int i = 0; i < n; i++) {
                nal = nal << 8 | t[p + i] & 0xff;
            }
            p += n;
            if (nal < 0 || nal > end - p) {
                return false;
            }
            int nalType = nal > 0 ? t[p] & 0x1f : 0;
            hasParameterSets |= nalType == 7;
            if (nal > 0 && nalType != 9) {
                if (key && !hasParameterSets && (nalType == 5 || nalType == 1)) {
                    avc.parameterSets(frame);
                    hasParameterSets = true;
                }
                frame.append(START, 0, START.length);
                frame.append(t, p, nal);
            }
            p += nal;
        }
        return frame.length() > AUD.length;
    }
}
