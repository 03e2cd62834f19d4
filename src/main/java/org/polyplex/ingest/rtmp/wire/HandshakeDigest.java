package org.polyplex.ingest.rtmp.wire;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 digests of the Flash Player 9 handshake: where a client's digest sits in C1
 * (scheme 0 at byte 12, scheme 1 at byte 776, each plus an offset taken from four bytes before
 * it), and the server's S1 digest and S2 signature. The keys are the protocol's public constants.
 */
final class HandshakeDigest {

    private static final int DIGEST = 32;
    private static final byte[] TAIL = { (byte) 0xF0, (byte) 0xEE, (byte) 0xC2, 0x4A, (byte) 0x80, 0x68,
            (byte) 0xBE, (byte) 0xE8, 0x2E, 0x00, (byte) 0xD0, (byte) 0xD1, 0x02, (byte) 0x9E, 0x7E, 0x57, 0x6E,
            (byte) 0xEC, 0x5D, 0x2D, 0x29, (byte) 0x80, 0x6F, (byte) 0xAB, (byte) 0x93, (byte) 0xB8, (byte) 0xE6,
            0x36, (byte) 0xCF, (byte) 0xEB, 0x31, (byte) 0xAE };
    static final byte[] PLAYER_KEY = concat("Genuine Adobe Flash Player 001".getBytes(), TAIL);
    static final byte[] SERVER_KEY = concat("Genuine Adobe Flash Media Server 001".getBytes(), TAIL);
    static final int PLAYER_KEY_TEXT = 30;
    static final int SERVER_KEY_TEXT = 36;

    private HandshakeDigest() {
    }

    /** The scheme (0 or 1) whose digest in C1 is valid, or -1 for a simple-form client. */
    static int clientScheme(byte[] c1) {
        if (c1[4] == 0 && c1[5] == 0 && c1[6] == 0 && c1[7] == 0) {
            return -1;
        }
        for (int scheme = 0; scheme < 2; scheme++) {
            int at = offset(c1, scheme);
            byte[] expected = digest(c1, at, Arrays.copyOf(PLAYER_KEY, PLAYER_KEY_TEXT));
            if (MessageDigest.isEqual(expected, Arrays.copyOfRange(c1, at, at + DIGEST))) {
                return scheme;
            }
        }
        return -1;
    }

    /** Writes a server version and the server digest into S1, at the client's scheme. */
    static void signServer(byte[] s1, int scheme) {
        Arrays.fill(s1, 0, 4, (byte) 0);
        s1[4] = 4;
        s1[5] = 5;
        s1[6] = 0;
        s1[7] = 1;
        int at = offset(s1, scheme);
        System.arraycopy(digest(s1, at, Arrays.copyOf(SERVER_KEY, SERVER_KEY_TEXT)), 0, s1, at, DIGEST);
    }

    /** S2: random bytes signed with a key derived from the client's digest. */
    static byte[] answerC1(byte[] c1, int scheme) {
        int at = offset(c1, scheme);
        byte[] key = hmac(SERVER_KEY, Arrays.copyOfRange(c1, at, at + DIGEST));
        byte[] s2 = Handshake.random();
        int signed = s2.length - DIGEST;
        System.arraycopy(hmac(key, Arrays.copyOf(s2, signed)), 0, s2, signed, DIGEST);
        return s2;
    }

    static int offset(byte[] packet, int scheme) {
        int base = scheme == 0 ? 8 : 772;
        int sum = 0;
        for (int i = 0; i < 4; i++) {
            sum += packet[base + i] & 0xff;
        }
        return sum % 728 + base + 4;
    }

    /** The digest of a packet without the 32 bytes at {@code at}. */
    static byte[] digest(byte[] packet, int at, byte[] key) {
        byte[] rest = new byte[packet.length - DIGEST];
        System.arraycopy(packet, 0, rest, 0, at);
        System.arraycopy(packet, at + DIGEST, rest, at, packet.length - at - DIGEST);
        return hmac(key, rest);
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
