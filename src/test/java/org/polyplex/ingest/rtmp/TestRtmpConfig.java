package org.polyplex.ingest.rtmp;

import java.time.Duration;
import java.util.Optional;

/** An {@link RtmpConfig} for plain JUnit tests: port 0 (a free port) and short timeouts. */
record TestRtmpConfig(int maxMessageBytes, Duration handshakeTimeout, Duration idleTimeout, int maxConnections,
        Optional<String> tlsCert, Optional<String> tlsKey) implements RtmpConfig {

    static TestRtmpConfig defaults() {
        return new TestRtmpConfig(8 * 1024 * 1024, Duration.ofSeconds(3), Duration.ofSeconds(3), 1000,
                Optional.empty(), Optional.empty());
    }

    TestRtmpConfig withMaxConnections(int max) {
        return new TestRtmpConfig(maxMessageBytes, handshakeTimeout, idleTimeout, max, tlsCert, tlsKey);
    }

    TestRtmpConfig withTls(String cert, String key) {
        return new TestRtmpConfig(maxMessageBytes, handshakeTimeout, idleTimeout, maxConnections, Optional.of(cert),
                Optional.of(key));
    }

    @Override
    public int port() {
        return 0;
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int tlsPort() {
        return 0;
    }

    @Override
    public int maxChunkStreams() {
        return 64;
    }

    @Override
    public int eventLoops() {
        return 2;
    }
}
