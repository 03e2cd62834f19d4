package org.polyplex.ingest.rtmp.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.vertx.core.buffer.Buffer;

import org.junit.jupiter.api.Test;

class ChunkReaderTest {

    private static Buffer body(int length, int seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return Buffer.buffer(bytes);
    }

    private static List<RtmpMessage> readAll(ChunkReader reader, Buffer stream, int... splits) {
        List<RtmpMessage> messages = new ArrayList<>();
        int from = 0;
        for (int split : splits) {
            reader.feed(stream.getBuffer(from, split));
            drain(reader, messages);
            from = split;
        }
        reader.feed(stream.getBuffer(from, stream.length()));
        drain(reader, messages);
        return messages;
    }

    private static void drain(ChunkReader reader, List<RtmpMessage> into) {
        RtmpMessage message;
        while ((message = reader.poll()) != null) {
            into.add(message);
        }
    }

    @Test
    void shouldParseTheSameWhateverTheBufferBoundaries() {
        ChunkWriter writer = new ChunkWriter();
        Buffer stream = Buffer.buffer();
        List<Buffer> bodies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Buffer body = body(50 + i * 97, i);
            bodies.add(body);
            stream.appendBuffer(writer.write(4 + i % 3, i % 2 == 0 ? 9 : 8, 1, i * 40L, body));
        }
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            int[] splits = random.ints(5, 0, stream.length()).sorted().toArray();
            List<RtmpMessage> messages = readAll(new ChunkReader(1 << 20, 16), stream, splits);
            assertThat(messages).hasSize(20);
            for (int i = 0; i < 20; i++) {
                assertThat(messages.get(i).body()).isEqualTo(bodies.get(i));
                assertThat(messages.get(i).timestamp()).isEqualTo(i * 40L);
                assertThat(messages.get(i).streamId()).isEqualTo(1);
            }
        }
        // byte by byte
        ChunkReader reader = new ChunkReader(1 << 20, 16);
        List<RtmpMessage> messages = new ArrayList<>();
        for (int i = 0; i < stream.length(); i++) {
            reader.feed(stream.getBuffer(i, i + 1));
            drain(reader, messages);
        }
        assertThat(messages).hasSize(20);
    }

    @Test
    void shouldReadExtendedTimestampsRepeatedOnTypeThreeContinuations() {
        ChunkWriter writer = new ChunkWriter();
        long timestamp = 0x1_0000_0000L - 5; // above 24 bits, near the 32-bit wrap
        Buffer body = body(1000, 1); // eight chunks of 128
        Buffer stream = writer.write(6, 9, 1, timestamp, body);
        List<RtmpMessage> messages = readAll(new ChunkReader(1 << 20, 16), stream, 3, 200, 201, 777);
        assertThat(messages).singleElement().satisfies(m -> {
            assertThat(m.timestamp()).isEqualTo(timestamp);
            assertThat(m.body()).isEqualTo(body);
        });
    }

    @Test
    void shouldReadContinuationsOfAnEncoderThatDoesNotRepeatTheExtendedTimestamp() {
        long timestamp = 0x0123_4567L;
        Buffer body = body(300, 2);
        Buffer stream = Buffer.buffer().appendByte((byte) 0x06).appendMedium(0xFFFFFF).appendMedium(300)
                .appendByte((byte) 9).appendIntLE(1).appendUnsignedInt(timestamp).appendBuffer(body, 0, 128)
                .appendByte((byte) 0xC6).appendBuffer(body, 128, 128).appendByte((byte) 0xC6)
                .appendBuffer(body, 256, 44);
        List<RtmpMessage> messages = readAll(new ChunkReader(1 << 20, 16), stream, 150);
        assertThat(messages).singleElement().satisfies(m -> {
            assertThat(m.timestamp()).isEqualTo(timestamp);
            assertThat(m.body()).isEqualTo(body);
        });
    }

    @Test
    void shouldApplyDeltasOfTypeOneTwoAndThreeHeaders() {
        // type 0 at 1000 on csid 4, then type 1 (+40, new length), type 2 (+20), type 3 (+20 again)
        Buffer stream = Buffer.buffer();
        stream.appendByte((byte) 0x04).appendMedium(1000).appendMedium(2).appendByte((byte) 8).appendIntLE(1)
                .appendBytes(new byte[] { 1, 2 });
        stream.appendByte((byte) 0x44).appendMedium(40).appendMedium(3).appendByte((byte) 8)
                .appendBytes(new byte[] { 3, 4, 5 });
        stream.appendByte((byte) 0x84).appendMedium(20).appendBytes(new byte[] { 6, 7, 8 });
        stream.appendByte((byte) 0xC4).appendBytes(new byte[] { 9, 10, 11 });
        List<RtmpMessage> messages = readAll(new ChunkReader(1 << 20, 16), stream);
        assertThat(messages).extracting(RtmpMessage::timestamp).containsExactly(1000L, 1040L, 1060L, 1080L);
        assertThat(messages.get(3).body().getBytes()).containsExactly(9, 10, 11);
        assertThat(messages).extracting(RtmpMessage::type).containsOnly(8);
    }

    @Test
    void shouldReadTwoAndThreeByteBasicHeaders() {
        ChunkReader reader = new ChunkReader(1 << 20, 16);
        Buffer stream = Buffer.buffer();
        // csid 64 + 10 = 74 in the 2-byte form; csid 64 + 1 + 2*256 = 577 in the 3-byte form
        stream.appendByte((byte) 0x00).appendByte((byte) 10).appendMedium(5).appendMedium(1).appendByte((byte) 9)
                .appendIntLE(1).appendByte((byte) 42);
        stream.appendByte((byte) 0x01).appendByte((byte) 1).appendByte((byte) 2).appendMedium(6).appendMedium(1)
                .appendByte((byte) 8).appendIntLE(1).appendByte((byte) 43);
        List<RtmpMessage> messages = readAll(reader, stream, 1, 2, 13);
        assertThat(messages).extracting(RtmpMessage::chunkStreamId).containsExactly(74, 577);
    }

    @Test
    void shouldInterleaveChunkStreamsAndHonourAChunkSizeChange() {
        ChunkReader reader = new ChunkReader(1 << 20, 16);
        reader.chunkSize(4);
        Buffer stream = Buffer.buffer();
        stream.appendByte((byte) 0x04).appendMedium(0).appendMedium(6).appendByte((byte) 9).appendIntLE(1)
                .appendBytes(new byte[] { 1, 2, 3, 4 });
        stream.appendByte((byte) 0x05).appendMedium(0).appendMedium(2).appendByte((byte) 8).appendIntLE(1)
                .appendBytes(new byte[] { 7, 7 });
        stream.appendByte((byte) 0xC4).appendBytes(new byte[] { 5, 6 });
        List<RtmpMessage> messages = readAll(reader, stream);
        assertThat(messages).extracting(RtmpMessage::chunkStreamId).containsExactly(5, 4);
        assertThat(messages.get(1).body().getBytes()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void shouldReadTheMessageStreamIdLittleEndian() {
        Buffer stream = Buffer.buffer().appendByte((byte) 0x04).appendMedium(0).appendMedium(1)
                .appendByte((byte) 9).appendBytes(new byte[] { 1, 0, 0, 0 }).appendByte((byte) 0);
        assertThat(readAll(new ChunkReader(1024, 4), stream)).singleElement()
                .satisfies(m -> assertThat(m.streamId()).isEqualTo(1));
    }

    @Test
    void shouldDropAnAbortedMessage() {
        ChunkReader reader = new ChunkReader(1 << 20, 16);
        ChunkWriter writer = new ChunkWriter();
        Buffer whole = writer.write(4, 9, 1, 0, body(300, 3));
        reader.feed(whole.getBuffer(0, 140)); // first chunk only
        assertThat(reader.poll()).isNull();
        reader.abort(4);
        reader.feed(writer.write(4, 9, 1, 40, body(10, 4)));
        assertThat(reader.poll().body()).isEqualTo(body(10, 4));
    }

    @Test
    void shouldRefuseChunkSizesOutOfRange() {
        ChunkReader reader = new ChunkReader(1024, 4);
        assertThatThrownBy(() -> reader.chunkSize(0)).isInstanceOf(RtmpProtocolException.class);
        assertThatThrownBy(() -> reader.chunkSize(1L << 31)).isInstanceOf(RtmpProtocolException.class);
        reader.chunkSize(ChunkReader.MAX_CHUNK_SIZE);
    }

    @Test
    void shouldRefuseMessagesAndChunkStreamsBeyondTheBounds() {
        ChunkReader small = new ChunkReader(1024, 4);
        small.feed(Buffer.buffer().appendByte((byte) 0x04).appendMedium(0).appendMedium(1025).appendByte((byte) 9)
                .appendIntLE(1));
        assertThatThrownBy(small::poll).isInstanceOf(RtmpProtocolException.class).hasMessageContaining("1025");

        ChunkReader few = new ChunkReader(1024, 4);
        Buffer stream = Buffer.buffer();
        for (int csid = 3; csid < 8; csid++) {
            stream.appendByte((byte) csid).appendMedium(0).appendMedium(1).appendByte((byte) 9).appendIntLE(1)
                    .appendByte((byte) 0);
        }
        few.feed(stream);
        assertThatThrownBy(() -> drain(few, new ArrayList<>())).isInstanceOf(RtmpProtocolException.class)
                .hasMessageContaining("chunk streams");
    }

    @Test
    void shouldBoundUnfinishedMessagesAcrossChunkStreams() {
        ChunkReader reader = new ChunkReader(1000, 16);
        Buffer stream = Buffer.buffer();
        for (int csid = 3; csid < 13; csid++) { // ten messages of 900 bytes, 128 of each sent
            stream.appendByte((byte) csid).appendMedium(0).appendMedium(900).appendByte((byte) 9).appendIntLE(1)
                    .appendBytes(new byte[128]);
        }
        reader.feed(stream);
        assertThatThrownBy(reader::poll).isInstanceOf(RtmpProtocolException.class).hasMessageContaining("unfinished");
    }

    @Test
    void shouldRefuseAContinuationWithoutAFullHeaderFirst() {
        ChunkReader reader = new ChunkReader(1024, 4);
        reader.feed(Buffer.buffer(new byte[] { (byte) 0xC4, 1, 2, 3 }));
        assertThatThrownBy(reader::poll).isInstanceOf(RtmpProtocolException.class);
    }
}
