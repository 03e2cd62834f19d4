package org.polyplex.ingest.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.vertx.core.buffer.Buffer;

/** Real media for the ingest tests, made and checked with the installed ffmpeg and ffprobe. */
final class MediaFixtures {

    private MediaFixtures() {
    }

    /** 6 s of testsrc2 + sine as FLV (H.264 with a keyframe every 2 s, AAC), as an encoder sends it. */
    static byte[] flv(Path dir) throws Exception {
        Path file = dir.resolve("sample.flv");
        run(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                "testsrc2=size=640x360:rate=25", "-f", "lavfi", "-i", "sine", "-c:v", "libx264", "-preset",
                "ultrafast", "-g", "50", "-c:a", "aac", "-t", "6", "-f", "flv", file.toString()));
        return Files.readAllBytes(file);
    }

    /** ffprobe's codec names of the streams of {@code input} (a file or a playlist). */
    static List<String> codecs(Path input) throws Exception {
        // ffprobe lists a program's streams and then the streams again: keep each once, in order
        return java.util.Arrays.stream(run(List.of("ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of",
                "csv=p=0", input.toString())).trim().split("\\s+")).distinct().toList();
    }

    /** ffprobe's height of the video stream of {@code input}. */
    static int height(Path input) throws Exception {
        return Integer.parseInt(run(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                "stream=height", "-of", "csv=p=0", input.toString())).trim().split("\\s+")[0]);
    }

    static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }

    /** Segment names listed in a playlist, in order. */
    static List<String> segments(Path playlist) throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(playlist)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.trim());
            }
        }
        return names;
    }

    /** Feeds {@code flv[from, to)} in uneven chunks, honouring writable() and the drain handler. */
    static void publish(MediaPipeline pipeline, byte[] flv, int from, int to) throws Exception {
        int chunk = 1;
        for (int pos = from; pos < to;) {
            int n = Math.min(to - pos, 4096 + (chunk++ * 7919) % 60_000);
            pipeline.flv(Buffer.buffer(java.util.Arrays.copyOfRange(flv, pos, pos + n)));
            pos += n;
            if (!pipeline.writable()) {
                CountDownLatch drained = new CountDownLatch(1);
                pipeline.drainHandler(drained::countDown);
                assertThat(drained.await(30, TimeUnit.SECONDS)).isTrue();
            }
        }
        if (to == flv.length) {
            pipeline.publisherGone();
        }
    }
}
