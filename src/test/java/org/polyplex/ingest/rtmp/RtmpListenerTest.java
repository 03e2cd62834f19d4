package org.polyplex.ingest.rtmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

/** The mapping loads with its defaults, and the test profile's port 0 keeps the server off. */
@QuarkusTest
class RtmpListenerTest {

    @Inject
    RtmpConfig config;

    @Inject
    RtmpListener listener;

    @Test
    void shouldStayOffWhenThePortIsZero() {
        assertThat(config.port()).isZero();
        assertThat(listener.server()).isNull();
    }

    @Test
    void shouldLoadTheBoundsWithTheirDefaults() {
        assertThat(config.maxMessageBytes()).isEqualTo(8 * 1024 * 1024);
        assertThat(config.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.maxConnections()).isEqualTo(1000);
        assertThat(config.maxChunkStreams()).isEqualTo(64);
        assertThat(config.tlsPort()).isEqualTo(1936);
        assertThat(config.tlsCert()).isEmpty();
    }
}
