package org.polyplex.proxy.upstream.hls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real HLS made by ffmpeg's HLS muxer under {@code target/fixtures}, generated once per build. */
public final class HlsFixtures {

    private static final Path DIR = Path.of("target", "fixtures");

    private HlsFixtures() {
    }

    /**
     * A directory with {@code index.m3u8} and its segments: {@code seconds} of H.264/AAC test
     * pattern (a keyframe every second) in segments of {@code segmentSeconds}.
     */
    public static synchronized Path hls(int seconds, int segmentSeconds) {
        Path dir = DIR.resolve("hls-" + seconds + "s-" + segmentSeconds);
        if (Files.exists(dir.resolve("index.m3u8"))) {
            return dir;
        }
        try {
            Files.createDirectories(dir);
            Process process = new ProcessBuilder(List.of("ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-y",
                    "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-f", "lavfi", "-i",
                    "sine=frequency=440:sample_rate=48000", "-t", String.valueOf(seconds), "-c:v", "libx264",
                    "-preset", "ultrafast", "-x264-params", "keyint=25:min-keyint=25:scenecut=0", "-b:v", "600k",
                    "-c:a", "aac", "-b:a", "64k", "-f", "hls", "-hls_time", String.valueOf(segmentSeconds),
                    "-hls_list_size", "0", "-hls_segment_filename", dir.resolve("seg%03d.ts").toString(),
                    dir.resolve("index.tmp.m3u8").toString())).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("ffmpeg failed: " + output);
            }
            Files.move(dir.resolve("index.tmp.m3u8"), dir.resolve("index.m3u8"));
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
