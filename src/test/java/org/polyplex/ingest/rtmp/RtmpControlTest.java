package org.polyplex.ingest.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polyplex.ingest.rtmp.RtmpServerFixture.eventually;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.polyplex.ingest.publish.PublishSink;
import org.polyplex.ingest.rtmp.amf.Amf0Writer;
import org.polyplex.ingest.rtmp.wire.RtmpMessage;

import io.vertx.core.buffer.Buffer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Protocol control as a raw client sees it: the connect answer, pings, acknowledgements, metadata. */
class RtmpControlTest {

    private RtmpServerFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new RtmpServerFixture(TestRtmpConfig.defaults(), new TestGate());
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    private static String latin1(Buffer bytes) {
        return new String(bytes.getBytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void shouldAnswerConnectPingAndAcknowledgeAtThePeersWindow() throws Exception {
        try (RawRtmpClient client = new RawRtmpClient(fixture.port())) {
            client.handshake();
            client.connect();
            client.send(client.writer.write(2, RtmpMessage.USER_CONTROL, 0, 0,
                    Buffer.buffer().appendShort((short) 6).appendUnsignedInt(1234)));
            client.send(client.writer.write(2, RtmpMessage.WINDOW_ACK_SIZE, 0, 0,
                    Buffer.buffer().appendUnsignedInt(4096)));
            client.publish(TestGate.KEY);
            for (int i = 0; i < 10; i++) {
                client.message(6, RtmpMessage.VIDEO, i * 40L, Buffer.buffer(new byte[1000]).setByte(0, (byte) 0x27));
            }
            assertThat(eventually(5000, () -> fixture.gate.mediaMessages() == 10)).isTrue();
            Buffer pong = Buffer.buffer().appendByte((byte) 2).appendMedium(0).appendMedium(6)
                    .appendByte((byte) RtmpMessage.USER_CONTROL).appendIntLE(0).appendShort((short) 7)
                    .appendUnsignedInt(1234);
            Buffer ackHeader = Buffer.buffer().appendByte((byte) 2).appendMedium(0).appendMedium(4)
                    .appendByte((byte) RtmpMessage.ACKNOWLEDGEMENT).appendIntLE(0);
            assertThat(client.receivedWithin(Duration.ofSeconds(5), "NetConnection.Connect.Success", "FMS/3,0,1,123",
                    "NetStream.Publish.Start", latin1(pong), latin1(ackHeader))).as(client.seen()).isTrue();
        }
    }

    @Test
    void shouldHandMetadataWithoutTheSetDataFrameWrapper() throws Exception {
        try (RawRtmpClient client = new RawRtmpClient(fixture.port())) {
            client.handshake();
            client.connect();
            client.publish(TestGate.KEY);
            Buffer metadata = new Amf0Writer().write("onMetaData").write(Map.of("width", 640.0)).toBuffer();
            Buffer wrapped = new Amf0Writer().write("@setDataFrame").toBuffer().appendBuffer(metadata);
            client.send(client.writer.write(4, RtmpMessage.AMF0_DATA, 1, 0, wrapped));
            assertThat(eventually(5000, () -> fixture.gate.mediaMessages() == 1)).isTrue();
        }
        RecordingSink sink = fixture.gate.sinks.get(0);
        assertThat(sink.of(PublishSink.DATA)).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo(
                new Amf0Writer().write("onMetaData").write(Map.of("width", 640.0)).toBuffer()));
    }
}
