package org.polyplex.ingest.rtmp.wire;

import java.util.concurrent.ThreadLocalRandom;

import io.vertx.core.buffer.Buffer;

/**
 * The server side of the RTMP handshake (spec 5.2): read C0+C1, answer S0+S1+S2, read C2. A
 * client whose C1 carries a version and a valid Flash Player digest (the "complex" form some
 * encoders send) gets the digest answer ({@link HandshakeDigest}); every other client gets the
 * simple echo form, which is what ffmpeg and OBS accept. C0 other than 3 (plain RTMP) is refused
 * at the first byte. C2 is read but not checked: clients echo S1 in different ways. Holds at most
 * C0+C1+C2 (3073 bytes).
 */
public final class Handshake {

    /** C1, S1, C2 and S2 are this long. */
    public static final int SIZE = 1536;
    private static final int VERSION = 3;

    private Buffer bytes = Buffer.buffer(1 + 2 * SIZE);
    private boolean answered;
    private Buffer rest;

    /**
     * Takes bytes from the client; answers S0+S1+S2 once C0+C1 are here, {@code null} otherwise.
     * Throws {@link RtmpProtocolException} on a version other than 3.
     */
    public Buffer feed(Buffer in) {
        if (rest != null) {
            throw new IllegalStateException("handshake done");
        }
        bytes.appendBuffer(in);
        if (bytes.getUnsignedByte(0) != VERSION) {
            throw new RtmpProtocolException("not an RTMP handshake (version " + bytes.getUnsignedByte(0) + ")");
        }
        Buffer reply = null;
        if (!answered && bytes.length() >= 1 + SIZE) {
            answered = true;
            reply = answer(bytes.getBytes(1, 1 + SIZE));
        }
        if (answered && bytes.length() >= 1 + 2 * SIZE) {
            rest = bytes.getBuffer(1 + 2 * SIZE, bytes.length());
            bytes = null;
        }
        return reply;
    }

    /** True once C2 is read. */
    public boolean done() {
        return rest != null;
    }

    /** What the client sent after C2 (its first chunks), once {@link #done()}. */
    public Buffer rest() {
        return rest;
    }

    static Buffer answer(byte[] c1) {
        byte[] s1 = random();
        byte[] s2;
        int scheme = HandshakeDigest.clientScheme(c1);
        if (scheme >= 0) {
            HandshakeDigest.signServer(s1, scheme);
            s2 = HandshakeDigest.answerC1(c1, scheme);
        } else {
            for (int i = 0; i < 8; i++) {
                s1[i] = 0;
            }
            s2 = c1;
        }
        return Buffer.buffer(1 + 2 * SIZE).appendByte((byte) VERSION).appendBytes(s1).appendBytes(s2);
    }

    static byte[] random() {
        byte[] b = new byte[SIZE];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }
}
