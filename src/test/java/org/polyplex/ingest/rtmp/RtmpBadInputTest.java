package org.polyplex.ingest.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polyplex.ingest.rtmp.RtmpServerFixture.eventually;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.polyplex.ingest.publish.PublishSink;
import org.polyplex.ingest.rtmp.wire.RtmpMessage;

import io.vertx.core.buffer.Buffer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that break the protocol or its bounds each get a clean close, counted, and the server
 * keeps serving a good publisher afterwards.
 */
class RtmpBadInputTest {

    private static final Duration PROMPTLY = Duration.ofSeconds(2);

    private RtmpServerFixture fixture;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        fixture = new RtmpServerFixture(TestRtmpConfig.defaults().withMaxConnections(1200), new TestGate());
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void shouldCloseWhenGarbageComesBeforeTheHandshake() throws Exception {
        try (RawRtmpClient client = new RawRtmpClient(fixture.port())) {
            client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(client.closedWithin(PROMPTLY)).isTrue();
        }
        assertProtocolErrorsAndStillServes(1);
    }

    @Test
    void shouldCloseWhenGarbageComesAfterTheHandshake() throws Exception {
        try (RawRtmpClient client = new RawRtmpClient(fixture.port())) {
            client.handshake();
            client.send("Hello, this is not a chunk stream".getBytes(StandardCharsets.US_ASCII));
            assertThat(client.closedWithin(PROMPTLY)).isTrue();
        }
        assertProtocolErrorsAndStillServes(1);
    }

    @Test
    void shouldCloseWhenTheChunkSizeIsZeroOrTwoToTheThirtyOne() throws Exception {
        for (long size : new long[] { 0, 1L << 31 }) {
            try (RawRtmpClient client = new RawRtmpClient(fixture.port())) {
                client.handshake();
                client.send(client.writer.write(2, RtmpMessage.SET_CHUNK_SIZE, 0, 0,
                        Buffer.buffer().appendUnsignedInt(size)));
                assertThat(client.closedWithin(PROMPTLY)).as("chunk size %d", size).isTrue();
            }
        }
        assertProtocolErrorsAndStillServes(2);
    }

    @Test
    void shouldCloseWhenAMessageIsLongerThanTheBound() throws Exception {
        try (RawRtmpClient client = new RawRtmpClient(fixture.port())) {
            client.handshake();
            // a type-0 header announcing 16 MiB - 1 on chunk stream 4; no body follows
            client.send(Buffer.buffer().appendByte((byte) 4).appendMedium(0).appendMedium(0xFFFFFF)
                    .appendByte((byte) 9).appendIntLE(1));
            assertThat(client.closedWithin(PROMPTLY)).isTrue();
        }
        assertProtocolErrorsAndStillServes(1);
    }

    @Test
    void shouldCloseWhenAmf0HasABadTypeMarker() throws Exception {
        try (RawRtmpClient client = new RawRtmpClient(fixture.port())) {
            client.handshake();
            Buffer body = Buffer.buffer().appendByte((byte) 2).appendUnsignedShort(7).appendString("connect")
                    .appendByte((byte) 0x0D);
            client.send(client.writer.write(3, RtmpMessage.AMF0_COMMAND, 0, 0, body));
            assertThat(client.closedWithin(PROMPTLY)).isTrue();
        }
        assertProtocolErrorsAndStillServes(1);
    }

    @Test
    void shouldCloseWhenAmf0NestsTooDeep() throws Exception {
        Object nested = "bottom";
        for (int i = 0; i < 40; i++) {
            nested = Map.of("a", nested);
        }
        try (RawRtmpClient client = new RawRtmpClient(fixture.port())) {
            client.handshake();
            client.command(3, 0, "connect", 1, nested);
            assertThat(client.closedWithin(PROMPTLY)).isTrue();
        }
        assertProtocolErrorsAndStillServes(1);
    }

    @Test
    void shouldRefuseWithBadNameWhenThePublishHasNoKey() throws Exception {
        try (RawRtmpClient client = new RawRtmpClient(fixture.port())) {
            client.handshake();
            client.connect();
            client.publish("");
            assertThat(client.closedWithin(PROMPTLY)).isTrue();
            assertThat(client.seen()).contains("NetStream.Publish.BadName").doesNotContain("Publish.Start\u0000");
        }
        assertThat(fixture.gate.requests).isEmpty();
        assertThat(fixture.stats().refusedPublishes()).isEqualTo(1);
        assertStillServes();
    }

    @Test
    void shouldDropAPublisherThatStopsSending() throws Exception {
        try (RawRtmpClient client = new RawRtmpClient(fixture.port())) {
            client.handshake();
            client.connect();
            client.publish(TestGate.KEY);
            client.message(6, RtmpMessage.VIDEO, 0, Buffer.buffer(new byte[] { 0x17, 1, 0, 0, 0, 1 }));
            assertThat(client.closedWithin(Duration.ofSeconds(10))).isTrue();
        }
        RecordingSink sink = fixture.gate.sinks.get(0);
        assertThat(sink.messages).hasSize(1);
        assertThat(sink.reason).startsWith("no media for");
        assertThat(sink.closedCount.get()).isEqualTo(1);
        assertThat(fixture.stats().timeouts()).isEqualTo(1);
    }

    @Test
    void shouldCloseConnectionsOverTheBoundAtOnce() throws Exception {
        try (RtmpServerFixture small = new RtmpServerFixture(TestRtmpConfig.defaults().withMaxConnections(2),
                new TestGate());
                RawRtmpClient a = new RawRtmpClient(small.port());
                RawRtmpClient b = new RawRtmpClient(small.port())) {
            assertThat(eventually(5000, () -> small.stats().open() == 2)).isTrue();
            try (RawRtmpClient c = new RawRtmpClient(small.port())) {
                assertThat(c.closedWithin(PROMPTLY)).isTrue();
            }
            assertThat(small.stats().overCapacity()).isEqualTo(1);
            assertThat(a.closedWithin(Duration.ofMillis(100))).isFalse();
        }
    }

    @Test
    void shouldCloseOnCommandsAndMediaOutOfOrder() throws Exception {
        List<String> cases = List.of("createStream before connect", "connect twice", "media before publish",
                "publish twice", "play");
        for (String scenario : cases) {
            try (RawRtmpClient client = new RawRtmpClient(fixture.port())) {
                client.handshake();
                switch (scenario) {
                    case "createStream before connect" -> client.command(3, 0, "createStream", 2, (Object) null);
                    case "connect twice" -> {
                        client.connect();
                        client.connect();
                    }
                    case "media before publish" -> {
                        client.connect();
                        client.message(6, RtmpMessage.VIDEO, 0, Buffer.buffer(new byte[] { 0x17, 1 }));
                    }
                    case "publish twice" -> {
                        client.connect();
                        client.publish(TestGate.KEY);
                        client.command(4, 1, "publish", 4, null, TestGate.KEY, "live");
                    }
                    default -> {
                        client.connect();
                        client.command(3, 0, "play", 2, null, "anything");
                    }
                }
                assertThat(client.closedWithin(PROMPTLY)).as(scenario).isTrue();
            }
        }
        assertThat(eventually(2000, () -> fixture.stats().protocolErrors() == cases.size())).isTrue();
        assertThat(fixture.gate.sinks).singleElement().satisfies(sink -> {
            assertThat(sink.closedCount.get()).isEqualTo(1);
            assertThat(sink.reason).contains("publish outside a connection");
        });
    }

    @Test
    void shouldKeepServingFfmpegWhileAThousandHalfOpenConnectionsWait() throws Exception {
        List<Socket> halfOpen = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                Socket socket = new Socket("127.0.0.1", fixture.port());
                if (i % 2 == 1) {
                    socket.getOutputStream().write(3); // C0 only
                }
                halfOpen.add(socket);
            }
            assertThat(eventually(10_000, () -> fixture.stats().open() == 1000)).isTrue();
            Process ffmpeg = Ffmpeg.publish("rtmp://127.0.0.1:" + fixture.port() + "/live/" + TestGate.KEY, 2,
                    dir.resolve("ffmpeg.log"));
            assertThat(Ffmpeg.exit(ffmpeg, 60)).as(Files.readString(dir.resolve("ffmpeg.log"))).isZero();
            assertThat(fixture.gate.sinks.get(0).of(PublishSink.VIDEO)).hasSizeGreaterThan(40);
            for (Socket socket : halfOpen) {
                assertThat(closedWithin(socket, Duration.ofSeconds(10))).isTrue();
            }
            assertThat(fixture.stats().timeouts()).isEqualTo(1000);
            assertThat(eventually(5000, () -> fixture.stats().open() == 0)).isTrue();
        } finally {
            for (Socket socket : halfOpen) {
                socket.close();
            }
        }
    }

    private void assertProtocolErrorsAndStillServes(int errors) throws Exception {
        assertThat(eventually(2000, () -> fixture.stats().protocolErrors() == errors)).isTrue();
        assertThat(fixture.gate.mediaMessages()).isZero();
        assertStillServes();
    }

    /** A well-behaved publisher right after: its media reaches a sink. */
    private void assertStillServes() throws Exception {
        try (RawRtmpClient client = new RawRtmpClient(fixture.port())) {
            client.handshake();
            client.connect();
            client.publish(TestGate.KEY);
            client.message(6, RtmpMessage.VIDEO, 40, Buffer.buffer(new byte[] { 0x17, 1, 0, 0, 0, 1 }));
            assertThat(eventually(5000, () -> fixture.gate.mediaMessages() == 1)).isTrue();
            assertThat(client.seen()).doesNotContain("BadName");
        }
    }

    private static boolean closedWithin(Socket socket, Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        InputStream in = socket.getInputStream();
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
