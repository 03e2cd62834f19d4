package org.polyplex.proxy.hls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.polyplex.proxy.ts.TsAssembler;
import org.polyplex.testsupport.TsFixtures;

import io.vertx.core.buffer.Buffer;

import org.junit.jupiter.api.Test;

/** Cutting ffmpeg-made TS into HLS segments; the result is played by ffmpeg as an HLS client. */
class SegmentWindowTest {

    private final AtomicLong clock = new AtomicLong();

    /** Feeds a TS file through the proxy's assembler (as a session does) into the window. */
    private void feed(SegmentWindow window, byte[] ts) {
        TsAssembler assembler = new TsAssembler(new TsAssembler.Sink() {
            @Override
            public void chunk(Buffer packets, boolean keyframe) {
                window.chunk(packets, keyframe);
            }

            @Override
            public void rejected(String reason) {
                throw new AssertionError(reason);
            }
        }, false, 1 << 20);
        for (int off = 0; off < ts.length; off += 50_000) {
            clock.addAndGet(100_000_000);
            assembler.feed(Buffer.buffer(ts).slice(off, Math.min(ts.length, off + 50_000)));
        }
    }

    @Test
    void cutsAtKeyframesWithPtsDurationsAndKeepsABoundedWindow() {
        SegmentWindow window = new SegmentWindow(Duration.ofSeconds(2), 3, 64 << 20, clock::get);
        feed(window, TsFixtures.read(TsFixtures.h264(12, 600)));
        assertThat(window.size()).isEqualTo(3);
        assertThat(window.segment(1)).isEmpty();
        SegmentWindow.Segment newest = window.segment(4).orElseThrow();
        assertThat(newest.seconds()).isBetween(1.95, 2.05);
        assertThat(newest.discontinuity()).isFalse();
        assertThat(window.segment(5)).as("the open segment is not served").isEmpty();
        String playlist = window.playlist("s/", ".ts?t=tok").orElseThrow();
        assertThat(playlist).startsWith("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:2\n")
                .contains("#EXTINF:2.000,\ns/2.ts?t=tok\n").endsWith("s/4.ts?t=tok\n")
                .doesNotContain("ENDLIST", "DISCONTINUITY");
    }

    @Test
    void aTimestampJumpStartsAMarkedSegment() {
        SegmentWindow window = new SegmentWindow(Duration.ofSeconds(2), 10, 64 << 20, clock::get);
        byte[] ts = TsFixtures.read(TsFixtures.h264(6, 600));
        feed(window, ts);
        feed(window, ts);
        List<Boolean> marks = new ArrayList<>();
        for (long n = 0; n < 10; n++) {
            window.segment(n).ifPresent(s -> marks.add(s.discontinuity()));
        }
        assertThat(marks).contains(true);
        assertThat(window.playlist("", ".ts").orElseThrow()).contains("#EXT-X-DISCONTINUITY\n");
    }

    @Test
    void discontinuitiesThatLeaveTheWindowAreCountedInTheDiscontinuitySequence() {
        SegmentWindow window = new SegmentWindow(Duration.ofSeconds(2), 2, 64 << 20, clock::get);
        byte[] ts = TsFixtures.read(TsFixtures.h264(6, 600));
        feed(window, ts);
        feed(window, ts);
        feed(window, ts);
        long marked = 0;
        long first = window.produced() - window.size();
        for (long n = first; n < window.produced(); n++) {
            marked += window.segment(n).orElseThrow().discontinuity() ? 1 : 0;
        }
        String playlist = window.playlist("", ".ts").orElseThrow();
        // two splices so far (one per repeat of the file); those not tagged in the playlist are counted
        long tagged = playlist.lines().filter("#EXT-X-DISCONTINUITY"::equals).count();
        long counted = playlist.lines().filter(l -> l.startsWith("#EXT-X-DISCONTINUITY-SEQUENCE:"))
                .mapToLong(l -> Long.parseLong(l.substring(30))).findFirst().orElse(0);
        assertThat(counted + tagged).isEqualTo(2);
        assertThat(counted).isGreaterThanOrEqualTo(1);
        assertThat(marked).isLessThanOrEqualTo(1);
    }

    @Test
    void theWindowPlaysThroughFfmpegAsAnHlsClient() throws Exception {
        SegmentWindow window = new SegmentWindow(Duration.ofSeconds(2), 10, 64 << 20, clock::get);
        feed(window, TsFixtures.read(TsFixtures.h264(12, 600)));
        Path dir = Files.createTempDirectory("hls-out");
        // A snapshot of the live window, closed with ENDLIST: a live playlist would make ffmpeg wait
        // for more segments forever.
        String snapshot = window.playlist("seg", ".ts").orElseThrow() + "#EXT-X-ENDLIST\n";
        Files.writeString(dir.resolve("index.m3u8"), snapshot);
        for (long n = 0; n < 10; n++) {
            var segment = window.segment(n);
            if (segment.isPresent()) {
                Files.write(dir.resolve("seg" + n + ".ts"), segment.get().bytes().getBytes());
                assertThat(TsFixtures.firstVideoFrames(dir.resolve("seg" + n + ".ts"), 1))
                        .as("segment %d starts on a keyframe", n).first().asString().startsWith("1,I");
            }
        }
        assertThat(window.size()).isEqualTo(5);
        assertThat(TsFixtures.decodeErrors(dir.resolve("index.m3u8"))).isEmpty();
    }
}
