package org.polyplex.ingest.rtmp;

import java.time.Duration;
import java.util.Optional;

/** An {@link RtmpConfig} for plain JUnit tests: port 0 (a free port) and short timeouts. */
record TestRtmpConfig(int maxMessageBytes, Duration handshakeTimeout, Duration idleTimeout, int maxConnections)
        implements
            RtmpConfig {

    static TestRtmpConfig defaults() {
        return new TestRtmpConfig(8 * 1024 * 1024, Duration.ofSeconds(3), Duration.ofSeconds(3), 1000);
    }

    TestRtmpConfig withMaxConnections(int max) {
        return new TestRtmpConfig(maxMessageBytes, handshakeTimeout, idleTimeout, max);
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
        return 1936;
    }

    @Override
    public Optional<String> tlsCert() {
        return Optional.empty();
    }

    @Override
    public Optional<String> tlsKey() {
        return Optional.empty();
    }

    @Override
    public int maxChunkStreams() {
        return 64;
    }
}
