package org.polyplex.ingest.rtmp.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;

import io.vertx.core.buffer.Buffer;

import org.junit.jupiter.api.Test;

class HandshakeTest {

    private static byte[] c1(boolean digest, int scheme) {
        byte[] c1 = new byte[Handshake.SIZE];
        new Random(scheme).nextBytes(c1);
        Arrays.fill(c1, 0, 4, (byte) 0);
        if (!digest) {
            Arrays.fill(c1, 4, 8, (byte) 0);
            return c1;
        }
        c1[4] = 9;
        c1[5] = 0;
        c1[6] = 124;
        c1[7] = 2;
        int at = HandshakeDigest.offset(c1, scheme);
        byte[] d = HandshakeDigest.digest(c1, at,
                Arrays.copyOf(HandshakeDigest.PLAYER_KEY, HandshakeDigest.PLAYER_KEY_TEXT));
        System.arraycopy(d, 0, c1, at, 32);
        return c1;
    }

    @Test
    void shouldEchoC1AndSendAZeroVersionToASimpleClient() {
        Handshake handshake = new Handshake();
        byte[] c1 = c1(false, 0);
        assertThat(handshake.feed(Buffer.buffer().appendByte((byte) 3).appendBytes(c1, 0, 100))).isNull();
        Buffer reply = handshake.feed(Buffer.buffer(c1).getBuffer(100, c1.length));
        assertThat(reply.length()).isEqualTo(1 + 2 * Handshake.SIZE);
        assertThat(reply.getByte(0)).isEqualTo((byte) 3);
        assertThat(reply.getBytes(5, 9)).containsExactly(0, 0, 0, 0);
        assertThat(reply.getBytes(1 + Handshake.SIZE, reply.length())).isEqualTo(c1);
        assertThat(handshake.done()).isFalse();
        handshake.feed(Buffer.buffer(new byte[Handshake.SIZE]).appendString("rest"));
        assertThat(handshake.done()).isTrue();
        assertThat(handshake.rest().toString()).isEqualTo("rest");
    }

    @Test
    void shouldAnswerADigestClientWithAValidServerDigestAndSignature() {
        for (int scheme = 0; scheme < 2; scheme++) {
            byte[] c1 = c1(true, scheme);
            assertThat(HandshakeDigest.clientScheme(c1)).isEqualTo(scheme);
            Buffer reply = new Handshake().feed(Buffer.buffer().appendByte((byte) 3).appendBytes(c1));
            byte[] s1 = reply.getBytes(1, 1 + Handshake.SIZE);
            byte[] s2 = reply.getBytes(1 + Handshake.SIZE, reply.length());
            int at = HandshakeDigest.offset(s1, scheme);
            byte[] expected = HandshakeDigest.digest(s1, at,
                    Arrays.copyOf(HandshakeDigest.SERVER_KEY, HandshakeDigest.SERVER_KEY_TEXT));
            assertThat(Arrays.copyOfRange(s1, at, at + 32)).isEqualTo(expected);
            int clientAt = HandshakeDigest.offset(c1, scheme);
            byte[] key = HandshakeDigest.hmac(HandshakeDigest.SERVER_KEY, Arrays.copyOfRange(c1, clientAt, clientAt + 32));
            assertThat(Arrays.copyOfRange(s2, 1504, 1536))
                    .isEqualTo(HandshakeDigest.hmac(key, Arrays.copyOf(s2, 1504)));
        }
    }

    @Test
    void shouldTreatAVersionedC1WithoutAValidDigestAsSimple() {
        byte[] c1 = c1(true, 0);
        c1[HandshakeDigest.offset(c1, 0)] ^= 1;
        assertThat(HandshakeDigest.clientScheme(c1)).isEqualTo(-1);
        Buffer reply = new Handshake().feed(Buffer.buffer().appendByte((byte) 3).appendBytes(c1));
        assertThat(reply.getBytes(1 + Handshake.SIZE, reply.length())).isEqualTo(c1);
    }

    @Test
    void shouldRefuseAnotherVersionAtTheFirstByte() {
        assertThatThrownBy(() -> new Handshake().feed(Buffer.buffer("G"))).isInstanceOf(RtmpProtocolException.class);
        assertThatThrownBy(() -> new Handshake().feed(Buffer.buffer(new byte[] { 6 })))
                .isInstanceOf(RtmpProtocolException.class);
    }
}
