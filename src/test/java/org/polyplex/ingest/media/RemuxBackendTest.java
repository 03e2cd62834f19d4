package org.polyplex.ingest.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.vertx.core.buffer.Buffer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in remuxer with real media: an encoder's FLV (H.264 with B-frames, AAC) becomes
 * MPEG-TS and HLS that ffmpeg decodes frame for frame, segments that each start on a keyframe,
 * and a playlist a second run continues after a discontinuity; bad input fails the pipeline.
 */
class RemuxBackendTest {

    @TempDir
    static Path fixtures;
    static byte[] flv;

    @TempDir
    Path dir;

    private RemuxBackend backend;

    @BeforeAll
    static void makeFlv() throws Exception {
        // as OBS sends it: B-frames (composition offsets), a keyframe every 2 s, AAC
        Path file = fixtures.resolve("bframes.flv");
        MediaFixtures.run(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                "testsrc2=size=640x360:rate=25", "-f", "lavfi", "-i", "sine=sample_rate=48000", "-c:v", "libx264",
                "-preset", "veryfast", "-bf", "2", "-g", "50", "-keyint_min", "50", "-sc_threshold", "0", "-c:a",
                "aac", "-t", "6", "-f", "flv", file.toString()));
        flv = Files.readAllBytes(file);
    }

    @AfterEach
    void close() {
        if (backend != null) {
            backend.close();
        }
    }

    private RemuxBackend backend() {
        backend = new RemuxBackend(new SpoolLayout(dir.resolve("spool")), 2000, 6, 1 << 20, 2);
        return backend;
    }

    @Test
    void theTsAndEverySegmentDecodeFrameForFrame() throws Exception {
        RemuxBackend b = backend();
        FfmpegHlsBackendTest.Listener l = new FfmpegHlsBackendTest.Listener();
        RemuxPipeline p = (RemuxPipeline) b.start(new PipelineSpec(7, 42, 1, b.renditions()), l);
        MediaFixtures.publish(p, flv, 0, flv.length);
        Path source = dir.resolve("spool/streams/7/42/source/index.m3u8");
        assertThat(l.ready.get(10, TimeUnit.SECONDS)).isEqualTo(source);
        p.finished().get(10, TimeUnit.SECONDS);
        assertThat(l.failures).isEmpty();

        Path ts = dir.resolve("fanout.ts");
        Files.write(ts, l.ts.toByteArray());
        assertThat(l.ts.size() % 188).isZero();
        assertThat(MediaFixtures.codecs(ts)).containsExactly("h264", "aac");
        assertThat(decodeErrors(ts)).isEmpty();
        assertThat(videoFrames(ts)).isEqualTo(150);
        // decode order is monotonic and every frame is presented at or after it is decoded
        List<double[]> times = packetTimes(ts);
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i)[1]).isGreaterThan(times.get(i - 1)[1]);
            assertThat(times.get(i)[0]).isGreaterThanOrEqualTo(times.get(i)[1]);
        }

        String playlist = Files.readString(source);
        assertThat(playlist).startsWith("#EXTM3U\n").contains("#EXT-X-TARGETDURATION:2\n", "#EXT-X-MEDIA-SEQUENCE:0\n",
                "#EXT-X-DISCONTINUITY-SEQUENCE:0\n", "#EXT-X-INDEPENDENT-SEGMENTS").doesNotContain("#EXT-X-ENDLIST",
                        "#EXT-X-DISCONTINUITY\n");
        List<String> segments = MediaFixtures.segments(source);
        assertThat(segments).containsExactly("r1-000000.ts", "r1-000001.ts", "r1-000002.ts");
        assertThat(playlist).contains("#EXTINF:2.000,\nr1-000000.ts", "#EXTINF:2.000,\nr1-000001.ts");
        int frames = 0;
        for (String s : segments) {
            Path segment = source.resolveSibling(s);
            assertThat(firstVideoFrameIsKey(segment)).as(s).isTrue();
            assertThat(decodeErrors(segment)).as(s).isEmpty();
            frames += videoFrames(segment);
        }
        assertThat(frames).isEqualTo(150);
        assertThat(MediaFixtures.codecs(source)).containsExactly("h264", "aac");
        assertThat(MediaFixtures.segments(dir.resolve("spool/streams/7/42/index.m3u8"))).containsExactly("source/index.m3u8");
    }

    @Test
    void aSecondRunContinuesThePlaylistAfterADiscontinuityWithNamesOfItsOwn() throws Exception {
        RemuxBackend b = backend();
        FfmpegHlsBackendTest.Listener run1 = new FfmpegHlsBackendTest.Listener();
        MediaPipeline first = b.start(new PipelineSpec(7, 43, 1, b.renditions()), run1);
        MediaFixtures.publish(first, flv, 0, flv.length);
        FfmpegHlsBackendTest.Listener run2 = new FfmpegHlsBackendTest.Listener();
        RemuxPipeline second = (RemuxPipeline) b.start(new PipelineSpec(7, 43, 2, b.renditions()), run2);
        MediaFixtures.publish(second, flv, 0, flv.length);
        second.finished().get(10, TimeUnit.SECONDS);
        run2.ready.get(1, TimeUnit.SECONDS);

        Path source = dir.resolve("spool/streams/7/43/source/index.m3u8");
        String playlist = Files.readString(source);
        List<String> all = MediaFixtures.segments(source);
        assertThat(all).containsExactly("r1-000000.ts", "r1-000001.ts", "r1-000002.ts", "r2-000003.ts", "r2-000004.ts",
                "r2-000005.ts");
        assertThat(new HashSet<>(all)).hasSameSizeAs(all);
        assertThat(playlist).contains("r1-000002.ts\n#EXT-X-DISCONTINUITY\n#EXTINF:2.000,\nr2-000003.ts\n");

        // a third run pushes the window: the sequences advance, one file past the window stays
        FfmpegHlsBackendTest.Listener run3 = new FfmpegHlsBackendTest.Listener();
        RemuxPipeline third = (RemuxPipeline) b.start(new PipelineSpec(7, 43, 3, b.renditions()), run3);
        MediaFixtures.publish(third, flv, 0, flv.length);
        third.finished().get(10, TimeUnit.SECONDS);
        playlist = Files.readString(source);
        assertThat(MediaFixtures.segments(source)).containsExactly("r2-000003.ts", "r2-000004.ts", "r2-000005.ts",
                "r3-000006.ts", "r3-000007.ts", "r3-000008.ts");
        assertThat(playlist).contains("#EXT-X-MEDIA-SEQUENCE:3\n", "#EXT-X-DISCONTINUITY-SEQUENCE:0\n");
        try (Stream<Path> files = Files.list(source.getParent())) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".ts")).sorted())
                    .containsExactly("r1-000002.ts", "r2-000003.ts", "r2-000004.ts", "r2-000005.ts", "r3-000006.ts",
                            "r3-000007.ts", "r3-000008.ts");
        }
    }

    @Test
    void bytesThatAreNotFlvOrCodecsItCannotCarryFailThePipeline() throws Exception {
        RemuxBackend b = backend();
        FfmpegHlsBackendTest.Listener garbage = new FfmpegHlsBackendTest.Listener();
        b.start(new PipelineSpec(8, 1, 1, b.renditions()), garbage).flv(Buffer.buffer("RTMP garbage, not an FLV header"));
        assertThat(garbage.failed.get(5, TimeUnit.SECONDS)).contains("not an FLV stream");

        // the same stream with its video tags marked HEVC (codec id 12)
        byte[] hevc = flv.clone();
        for (int pos = 13; pos + 11 < hevc.length;) {
            int size = (hevc[pos + 1] & 0xff) << 16 | (hevc[pos + 2] & 0xff) << 8 | hevc[pos + 3] & 0xff;
            if ((hevc[pos] & 0x1f) == 9) {
                hevc[pos + 11] = (byte) (hevc[pos + 11] & 0xf0 | 12);
            }
            pos += 11 + size + 4;
        }
        FfmpegHlsBackendTest.Listener l = new FfmpegHlsBackendTest.Listener();
        b.start(new PipelineSpec(8, 2, 1, b.renditions()), l).flv(Buffer.buffer(Arrays.copyOf(hevc, 64 * 1024)));
        assertThat(l.failed.get(5, TimeUnit.SECONDS)).contains("video codec id 12", "only H.264");
        assertThat(l.ts.size()).isZero();
    }

    private static String decodeErrors(Path input) throws Exception {
        return MediaFixtures.run(List.of("ffmpeg", "-hide_banner", "-v", "error", "-i", input.toString(), "-f", "null", "-"))
                .trim();
    }

    private static int videoFrames(Path input) throws Exception {
        return Integer.parseInt(MediaFixtures.run(List.of("ffprobe", "-v", "error", "-count_frames", "-select_streams",
                "v:0", "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", input.toString())).trim().split("\\s+")[0]);
    }

    private static boolean firstVideoFrameIsKey(Path input) throws Exception {
        String out = MediaFixtures.run(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-read_intervals",
                "%+#1", "-show_entries", "frame=key_frame", "-of", "csv=p=0", input.toString())).trim();
        return out.startsWith("1");
    }

    /** Video packets' {pts, dts} in decode order. */
    private static List<double[]> packetTimes(Path input) throws Exception {
        return MediaFixtures.run(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                "packet=pts_time,dts_time", "-of", "csv=p=0", input.toString())).lines().filter(l -> !l.isBlank())
                .map(l -> Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray()).toList();
    }
}
