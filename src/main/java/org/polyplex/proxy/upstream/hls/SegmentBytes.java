package org.polyplex.proxy.upstream.hls;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.vertx.core.buffer.Buffer;

/** Pure byte work on whole segments: AES-128 decryption and discontinuity marking. */
final class SegmentBytes {

    private static final int PACKET = 188;

    private SegmentBytes() {
    }

    /** The IV of a segment: the key tag's, or the media sequence number as 128-bit big-endian. */
    static byte[] iv(Playlist.Key key, long sequence) {
        if (key.iv() != null) {
            return key.iv();
        }
        return ByteBuffer.allocate(16).putLong(8, sequence).array();
    }

    /** AES-128-CBC with PKCS7 padding (RFC 8216 section 4.3.2.4). */
    static byte[] decrypt(byte[] key, byte[] iv, byte[] data) {
        if (key.length != 16) {
            throw new IllegalArgumentException("AES-128 key is " + key.length + " bytes, not 16");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return cipher.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("segment does not decrypt: " + e.getClass().getSimpleName());
        }
    }

    /** Plain AES-128-CBC encryption, the inverse of {@link #decrypt} (tests and benchmark). */
    static byte[] encrypt(byte[] key, byte[] iv, byte[] data) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return cipher.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Marks the splice after {@code #EXT-X-DISCONTINUITY}: the first packet of each PID that has
     * adaptation flags gets its discontinuity_indicator set, so players reset their clocks there.
     * Works on a copy; a segment that does not start on a TS packet is returned as is.
     */
    static Buffer markDiscontinuity(Buffer segment) {
        byte[] p = segment.getBytes();
        if (p.length < PACKET || p[0] != 0x47) {
            return segment;
        }
        long[] marked = new long[8192 / 64];
        for (int off = 0; off + PACKET <= p.length; off += PACKET) {
            if (p[off] != 0x47) {
                break;
            }
            int pid = ((p[off + 1] & 0x1F) << 8) | (p[off + 2] & 0xFF);
            boolean adaptation = (p[off + 3] & 0x20) != 0 && (p[off + 4] & 0xFF) >= 1;
            if (pid == 0x1FFF || !adaptation || (marked[pid >>> 6] & (1L << pid)) != 0) {
                continue;
            }
            marked[pid >>> 6] |= 1L << pid;
            p[off + 5] |= (byte) 0x80;
        }
        return Buffer.buffer(p);
    }
}
