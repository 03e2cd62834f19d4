package org.polyplex.ingest.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polyplex.ingest.rtmp.RtmpServerFixture.eventually;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Map;

import org.polyplex.ingest.rtmp.amf.Amf0Writer;
import org.polyplex.ingest.rtmp.wire.ChunkWriter;
import org.polyplex.ingest.rtmp.wire.Handshake;
import org.polyplex.ingest.rtmp.wire.RtmpMessage;

import io.vertx.core.buffer.Buffer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A sink that is not writable stops the server reading: the sink gets nothing more, and the
 * publisher's socket backs up until its writes no longer go through; on drain everything flows.
 */
class RtmpFlowControlTest {

    private static final int FRAME = 64 * 1024;
    private RtmpServerFixture fixture;
    private RecordingSink sink;

    @BeforeEach
    void start() throws Exception {
        sink = new RecordingSink();
        sink.fullAfter(5);
        fixture = new RtmpServerFixture(TestRtmpConfig.defaults(), new TestGate(() -> sink));
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void shouldPauseThePublisherWhileTheSinkIsFullAndResumeOnDrain() throws Exception {
        try (SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", fixture.port()))) {
            ChunkWriter writer = new ChunkWriter();
            handshake(channel);
            writeFully(channel, writer.write(2, RtmpMessage.SET_CHUNK_SIZE, 0, 0, Buffer.buffer().appendInt(FRAME)));
            writer.chunkSize(FRAME);
            writeFully(channel, command(writer, 3, 0, "connect", 1, Map.of("app", "live")));
            writeFully(channel, command(writer, 3, 0, "createStream", 2, (Object) null));
            writeFully(channel, command(writer, 4, 1, "publish", 3, null, TestGate.KEY, "live"));

            channel.configureBlocking(false);
            int sent = 0;
            ByteBuffer pending = null;
            boolean backedUp = false;
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!backedUp && System.nanoTime() < deadline && sent < 4000) {
                if (pending == null || !pending.hasRemaining()) {
                    pending = ByteBuffer.wrap(writer.write(6, RtmpMessage.VIDEO, 1, sent * 40L, frame()).getBytes());
                    sent++;
                }
                backedUp = channel.write(pending) == 0;
            }
            assertThat(backedUp).as("publisher's writes blocked after %d frames", sent).isTrue();
            // the kernel's buffers can fill before the server's loop has handed the 5th message over
            assertThat(eventually(10_000, () -> sink.messages.size() >= 5)).isTrue();
            assertThat(sink.messages).as("no message past the full sink").hasSize(5);
            assertThat(sink.hasDrainHandler()).isTrue();

            sink.drained();
            channel.configureBlocking(true);
            while (pending.hasRemaining()) {
                channel.write(pending);
            }
            int total = sent;
            assertThat(eventually(20_000, () -> sink.messages.size() == total)).isTrue();
            assertThat(sink.closedCount.get()).isZero();
        }
    }

    private static Buffer frame() {
        byte[] body = new byte[FRAME - 1];
        body[0] = 0x27;
        body[1] = 1;
        return Buffer.buffer(body);
    }

    private static void handshake(SocketChannel channel) throws IOException {
        writeFully(channel, Buffer.buffer(new byte[1 + Handshake.SIZE]).setByte(0, (byte) 3));
        ByteBuffer reply = ByteBuffer.allocate(1 + 2 * Handshake.SIZE);
        while (reply.hasRemaining()) {
            if (channel.read(reply) < 0) {
                throw new IOException("closed during the handshake");
            }
        }
        writeFully(channel, Buffer.buffer(reply.array()).getBuffer(1, 1 + Handshake.SIZE));
    }

    private static Buffer command(ChunkWriter writer, int csid, long streamId, String name, double txn,
            Object... args) {
        Amf0Writer amf = new Amf0Writer().write(name).write(txn);
        for (Object arg : args) {
            amf.write(arg);
        }
        return writer.write(csid, RtmpMessage.AMF0_COMMAND, streamId, 0, amf.toBuffer());
    }

    private static void writeFully(SocketChannel channel, Buffer bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes.getBytes());
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
