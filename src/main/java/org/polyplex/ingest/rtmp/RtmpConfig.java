package org.polyplex.ingest.rtmp;

import java.time.Duration;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The RTMP publish server: where it listens and the bounds every publisher is held to. */
@ConfigMapping(prefix = "polyplex.ingest")
public interface RtmpConfig {

    /** TCP port of the RTMP server; 0 turns it off. Default 1935, the port encoders assume. */
    @WithName("rtmp-port")
    @WithDefault("1935")
    @Min(0)
    @Max(65535)
    int port();

    /** Address the RTMP (and RTMPS) server binds. Default all interfaces. */
    @WithName("rtmp-host")
    @WithDefault("0.0.0.0")
    String host();

    /** TCP port of the RTMPS (TLS) server, used only when a certificate and key are set. Default 1936. */
    @WithName("rtmps-port")
    @WithDefault("1936")
    @Min(1)
    @Max(65535)
    int tlsPort();

    /** PEM certificate chain of the RTMPS server; RTMPS is on when this and the key are set. */
    @WithName("rtmp.tls.cert")
    Optional<String> tlsCert();

    /** PEM private key of the RTMPS server. */
    @WithName("rtmp.tls.key")
    Optional<String> tlsKey();

    /**
     * Longest RTMP message (a video frame is one) and most bytes of unfinished messages a
     * connection may hold; past it the connection is closed. Default 8 MiB: far above a 4K
     * keyframe at broadcast bitrates, small enough that a thousand connections cannot exhaust
     * memory. At most 16 MiB - 1, the longest message RTMP and FLV can express.
     */
    @WithName("rtmp.max-message-bytes")
    @WithDefault("8388608")
    @Min(65536)
    @Max(16777215)
    int maxMessageBytes();

    /**
     * Longest time from accepting a connection to its publish being started (handshake,
     * {@code connect}, {@code publish} and the key check). Default 10 s.
     */
    @WithName("rtmp.handshake-timeout")
    @WithDefault("10s")
    @DurationMin(millis = 100)
    @DurationMax(minutes = 5)
    Duration handshakeTimeout();

    /**
     * A publishing connection that sends no media for this long is dropped. Default 10 s: an
     * encoder sends frames many times a second; a longer bound keeps dead publishers holding
     * their stream.
     */
    @WithName("rtmp.idle-timeout")
    @WithDefault("10s")
    @DurationMin(millis = 100)
    @DurationMax(minutes = 10)
    Duration idleTimeout();

    /** Most RTMP connections open at once (handshaking or publishing); more are closed at once. Default 1000. */
    @WithName("rtmp.max-connections")
    @WithDefault("1000")
    @Min(1)
    @Max(100000)
    int maxConnections();

    /** Most chunk streams one connection may open. Encoders use fewer than 10. Default 64. */
    @WithName("rtmp.max-chunk-streams")
    @WithDefault("64")
    @Min(4)
    @Max(65599)
    int maxChunkStreams();

    /**
     * Event loops that accept and serve RTMP connections, each taking new connections in turn; 0
     * means one per CPU core. Default 0.
     */
    @WithName("rtmp.event-loops")
    @WithDefault("0")
    @Min(0)
    @Max(64)
    int eventLoops();
}
