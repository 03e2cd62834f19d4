package org.polyplex.proxy.ts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.polyplex.testsupport.TsFixtures;

import io.vertx.core.buffer.Buffer;

import org.junit.jupiter.api.Test;

class TsAssemblerTest {

    private final List<Buffer> chunks = new ArrayList<>();
    private final List<Boolean> keyframes = new ArrayList<>();
    private final List<String> rejections = new ArrayList<>();
    private final TsAssembler.Sink sink = new TsAssembler.Sink() {
        @Override
        public void chunk(Buffer packets, boolean keyframe) {
            chunks.add(packets);
            keyframes.add(keyframe);
        }

        @Override
        public void rejected(String reason) {
            rejections.add(reason);
        }
    };

    @Test
    void alignsResyncsAndStartsEveryKeyframeChunkWithPatPmtKeyframe() throws IOException {
        byte[] ts = TsFixtures.read(TsFixtures.h264(6, 600));
        TsAssembler assembler = new TsAssembler(sink, false, 65536);
        assembler.feed(Buffer.buffer("garbage before the first packet"));
        feedInSlices(assembler, ts, 0, ts.length / 2, 1000);
        assembler.feed(Buffer.buffer(new byte[] { 0x47, 1, 2, 3, 4, 5, 6, 7, 8, 9 }));
        feedInSlices(assembler, ts, ts.length / 2 - (ts.length / 2) % 188, ts.length, 777);

        assertThat(rejections).isEmpty();
        assertThat(keyframes.get(0)).isTrue();
        assertThat(keyframes.stream().filter(k -> k).count()).isBetween(6L, 8L);
        for (int i = 0; i < chunks.size(); i++) {
            byte[] b = chunks.get(i).getBytes();
            assertThat(b.length % 188).isZero();
            for (int p = 0; p < b.length; p += 188) {
                assertThat(b[p]).isEqualTo((byte) 0x47);
            }
            if (keyframes.get(i)) {
                assertThat(TsPacket.pid(b, 0)).isZero();
                assertThat(TsPacket.pid(b, 188)).isEqualTo(TsPacket.pmtPid(b, 0));
                assertThat(TsPacket.isKeyframe(b, 376, TsPacket.Video.H264)).isTrue();
            }
        }
        Path out = Path.of("target", "fixtures", "assembled.ts");
        Files.write(out, concat(chunks));
        assertThat(TsFixtures.firstVideoFrames(out, 1)).first().asString().startsWith("1,I");
    }

    @Test
    void startsMidStreamOnlyAtAKeyframe() {
        byte[] ts = TsFixtures.read(TsFixtures.h264(6, 600));
        TsAssembler assembler = new TsAssembler(sink, false, 65536);
        int middle = (ts.length / 3) / 188 * 188 + 5;
        feedInSlices(assembler, ts, middle, ts.length, 4096);
        assertThat(keyframes.get(0)).isTrue();
        byte[] first = chunks.get(0).getBytes();
        assertThat(TsPacket.pid(first, 0)).isZero();
        assertThat(TsPacket.isKeyframe(first, 376, TsPacket.Video.H264)).isTrue();
    }

    @Test
    void spliceMarksTheFirstPacketOfEveryPidDiscontinuous() {
        byte[] ts = TsFixtures.read(TsFixtures.h264(2, 600));
        TsAssembler assembler = new TsAssembler(sink, true, 65536);
        assembler.feed(Buffer.buffer(ts));
        byte[] first = chunks.get(0).getBytes();
        // PAT has no adaptation field: an adaptation-only packet with the indicator precedes it.
        assertThat(TsPacket.pid(first, 0)).isZero();
        assertThat(first[3] & 0x30).isEqualTo(0x20);
        assertThat(first[5] & 0x80).isEqualTo(0x80);
        assertThat(TsPacket.pid(first, 188)).isZero();
        assertThat(first[188 + 3] & 0x10).isEqualTo(0x10);
    }

    @Test
    void rejectsHtml() {
        TsAssembler assembler = new TsAssembler(sink, false, 1024);
        String html = "<html><body>" + "Gone. ".repeat(400) + "</body></html>";
        assembler.feed(Buffer.buffer(html.getBytes(StandardCharsets.UTF_8)));
        assertThat(rejections).singleElement().asString().startsWith("not MPEG-TS");
        assertThat(chunks).isEmpty();
    }

    @Test
    void rejectsGarbageOnce() {
        byte[] junk = new byte[200_000];
        new Random(7).nextBytes(junk);
        TsAssembler assembler = new TsAssembler(sink, false, 65536);
        assembler.feed(Buffer.buffer(junk));
        assembler.feed(Buffer.buffer(junk));
        assertThat(rejections).hasSize(1);
    }

    @Test
    void rejectsTsWithoutVideo() {
        TsAssembler assembler = new TsAssembler(sink, false, 65536);
        assembler.feed(Buffer.buffer(TsFixtures.read(TsFixtures.audioOnly())));
        assertThat(rejections).containsExactly("no video stream in the PMT");
        assertThat(chunks).isEmpty();
    }

    @Test
    void coalescesReadsIntoChunksOfTheSizeBoundAndStillStartsEveryKeyframeChunk() {
        byte[] ts = TsFixtures.read(TsFixtures.h264(6, 600));
        TsAssembler assembler = new TsAssembler(sink, false, 65536, 16 * 1024, 1_000_000_000L);
        long reads = 0;
        for (int i = 0; i < ts.length; i += 1316, reads++) {
            assembler.feed(Buffer.buffer(ts).slice(i, Math.min(i + 1316, ts.length)), reads * 1_000_000L);
        }

        assertThat(rejections).isEmpty();
        // far fewer chunks than reads: each non-keyframe chunk was cut at 16 KiB, or at a keyframe
        assertThat(chunks.size()).isLessThan((int) reads / 8);
        for (int i = 0; i < chunks.size(); i++) {
            byte[] b = chunks.get(i).getBytes();
            boolean cutByKeyframe = i + 1 < chunks.size() && keyframes.get(i + 1);
            if (i + 1 < chunks.size() && !cutByKeyframe) {
                assertThat(b.length).isBetween(16 * 1024, 16 * 1024 + 1316);
            }
            if (keyframes.get(i)) {
                assertThat(TsPacket.pid(b, 0)).isZero();
                assertThat(TsPacket.isKeyframe(b, 376, TsPacket.Video.H264)).isTrue();
            }
        }
        assertThat(keyframes.stream().filter(k -> k).count()).isBetween(6L, 8L);
    }

    @Test
    void sendsAPendingChunkOnceItsFirstByteIsAsOldAsTheDelay() {
        byte[] ts = TsFixtures.read(TsFixtures.h264(2, 600));
        long ms = 1_000_000L;
        TsAssembler assembler = new TsAssembler(sink, false, 65536, 1 << 20, 100 * ms);
        // the first keyframe chunk, then a little more: all below the size bound
        int cut = 188 * 40;
        assembler.feed(Buffer.buffer(ts).slice(0, cut), 0);
        assembler.feed(Buffer.buffer(ts).slice(cut, cut + 188 * 10), 50 * ms);
        assertThat(chunks).isEmpty();

        assembler.flushIfDue(99 * ms);
        assertThat(chunks).isEmpty();
        assembler.flushIfDue(100 * ms);
        assertThat(chunks).hasSize(1);
        assertThat(chunks).first().satisfies(c -> assertThat(c.length()).isPositive().isLessThanOrEqualTo(cut + 188 * 12));
        assertThat(keyframes).first().isEqualTo(true);

        // while input flows, the first input that finds the pending chunk as old as the delay sends it
        assembler.feed(Buffer.buffer(ts).slice(cut + 188 * 10, cut + 188 * 11), 300 * ms);
        assembler.feed(Buffer.buffer(ts).slice(cut + 188 * 11, cut + 188 * 12), 399 * ms);
        assertThat(chunks).hasSize(1);
        assembler.feed(Buffer.buffer(ts).slice(cut + 188 * 12, cut + 188 * 13), 401 * ms);
        assertThat(chunks).hasSize(2);
    }

    @Test
    void anInputLargerThanTheReadWindowGivesTheSameChunksAsThatInputInSmallReads() throws IOException {
        byte[] ts = TsFixtures.read(TsFixtures.h264(6, 600));
        byte[] input = new byte[ts.length + 7];
        System.arraycopy("garbage".getBytes(), 0, input, 0, 7);
        System.arraycopy(ts, 0, input, 7, ts.length);
        assertThat(input.length).as("several read windows, packets straddling their edges").isGreaterThan(188 * 256 * 3);

        new TsAssembler(sink, false, 65536).feed(Buffer.buffer(input));
        byte[] whole = concat(chunks);
        chunks.clear();
        feedInSlices(new TsAssembler(sink, false, 65536), input, 0, input.length, 1000);

        assertThat(rejections).isEmpty();
        assertThat(whole).hasSizeGreaterThan(ts.length / 2).isEqualTo(concat(chunks));
    }

    private static void feedInSlices(TsAssembler assembler, byte[] ts, int from, int to, int size) {
        for (int i = from; i < to; i += size) {
            assembler.feed(Buffer.buffer(ts).slice(i, Math.min(i + size, to)));
        }
    }

    private static byte[] concat(List<Buffer> buffers) {
        Buffer all = Buffer.buffer();
        buffers.forEach(all::appendBuffer);
        return all.getBytes();
    }
}
