package org.polyplex.proxy.ts;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;

import org.junit.jupiter.api.Test;

class PacketRingTest {

    @Test
    void boundedByChunksAndBytesAndTracksTheNewestKeyframe() {
        PacketRing ring = new PacketRing(4, 1000);
        long k = ring.append(Buffer.buffer(new byte[300]), true);
        ring.append(Buffer.buffer(new byte[300]), false);
        ring.append(Buffer.buffer(new byte[300]), false);
        assertThat(ring.lastKeyframe()).isEqualTo(k);
        assertThat(ring.lag(k)).isEqualTo(900);

        ring.append(Buffer.buffer(new byte[300]), false);
        assertThat(ring.tail()).isEqualTo(1);
        assertThat(ring.lastKeyframe()).isEqualTo(-1);
        assertThat(ring.head()).isEqualTo(4);
        assertThat(ring.lag(0)).isEqualTo(900);

        long k2 = ring.append(Buffer.buffer(new byte[100]), true);
        assertThat(ring.lastKeyframe()).isEqualTo(k2);
        assertThat(ring.isKeyframe(k2)).isTrue();
        assertThat(ring.bytesIn()).isEqualTo(1300);
        assertThat(ring.lag(ring.head())).isZero();
    }
}
