package org.polyplex.ingest.media.mux;

/**
 * The fields of an AAC AudioSpecificConfig (ISO/IEC 14496-3) that an ADTS header repeats: the
 * profile (object type less one; HE-AAC is carried as its AAC LC core, as ADTS does), the sampling
 * frequency index and the channel configuration.
 */
record AacConfig(int profile, int frequencyIndex, int channels) {

    /** Null when the config is malformed or not expressible in ADTS. */
    static AacConfig parse(byte[] b, int off, int len) {
        if (len < 2) {
            return null;
        }
        int objectType = (b[off] & 0xff) >> 3;
        int frequencyIndex = (b[off] & 0x07) << 1 | (b[off + 1] & 0xff) >> 7;
        int channels = (b[off + 1] >> 3) & 0x0f;
        if (objectType == 0 || objectType == 31 || frequencyIndex > 12 || channels > 7) {
            return null;
        }
        int profile = objectType <= 4 ? objectType - 1 : 1;
        return new AacConfig(profile, frequencyIndex, channels);
    }

    /** Writes the 7-byte ADTS header (no CRC) of a frame of {@code raw} bytes at {@code b[off]}. */
    void adts(byte[] b, int off, int raw) {
        int length = raw + 7;
        b[off] = (byte) 0xff;
        b[off + 1] = (byte) 0xf1;
        b[off + 2] = (byte) (profile << 6 | frequencyIndex << 2 | channels >> 2);
        b[off + 3] = (byte) ((channels & 3) << 6 | length >> 11);
        b[off + 4] = (byte) (length >> 3);
        b[off + 5] = (byte) ((length & 7) << 5 | 0x1f);
        b[off + 6] = (byte) 0xfc;
    }
}
