package org.polyplex.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real MPEG-TS made by ffmpeg (test pattern + sine, H.264 with a keyframe every 25 frames at
 * 25 fps, AAC) under {@code target/fixtures}, generated once per build. Also runs ffprobe and
 * ffmpeg checks on captured output.
 */
public final class TsFixtures {

    private static final Path DIR = Path.of("target", "fixtures");

    private TsFixtures() {
    }

    /** {@code seconds} of H.264/AAC at about {@code videoKbps}. */
    public static synchronized Path h264(int seconds, int videoKbps) {
        Path file = DIR.resolve("h264-" + seconds + "s-" + videoKbps + "k.ts");
        if (!Files.exists(file)) {
            ffmpeg(file, "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-f", "lavfi", "-i",
                    "sine=frequency=440:sample_rate=48000", "-t", String.valueOf(seconds), "-c:v", "libx264",
                    "-preset", "ultrafast", "-x264-params", "keyint=25:min-keyint=25:scenecut=0",
                    "-b:v", videoKbps + "k", "-minrate", videoKbps + "k", "-maxrate", videoKbps + "k",
                    "-bufsize", videoKbps + "k", "-c:a", "aac", "-b:a", "64k", "-f", "mpegts");
        }
        return file;
    }

    /** Like {@link #h264} but with the PMT on another PID, so that a capture tells the two apart. */
    public static synchronized Path h264Variant(int seconds, int videoKbps, String pmtPid) {
        Path file = DIR.resolve("h264-" + seconds + "s-" + videoKbps + "k-pmt" + pmtPid + ".ts");
        if (!Files.exists(file)) {
            ffmpeg(file, "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i",
                    "sine=frequency=880:sample_rate=48000", "-t", String.valueOf(seconds), "-c:v", "libx264",
                    "-preset", "ultrafast", "-x264-params", "keyint=25:min-keyint=25:scenecut=0",
                    "-b:v", videoKbps + "k", "-minrate", videoKbps + "k", "-maxrate", videoKbps + "k",
                    "-bufsize", videoKbps + "k", "-c:a", "aac", "-b:a", "64k", "-mpegts_pmt_start_pid", pmtPid,
                    "-f", "mpegts");
        }
        return file;
    }

    /** {@code seconds} of H.264 with no audio stream (a keyframe every second at 25 fps). */
    public static synchronized Path videoOnly(int seconds) {
        Path file = DIR.resolve("video-only-" + seconds + "s.ts");
        if (!Files.exists(file)) {
            ffmpeg(file, "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", String.valueOf(seconds), "-c:v",
                    "libx264", "-preset", "ultrafast", "-x264-params", "keyint=25:min-keyint=25:scenecut=0", "-b:v",
                    "300k", "-f", "mpegts");
        }
        return file;
    }

    /** A TS with one AAC stream and no video. */
    public static synchronized Path audioOnly() {
        Path file = DIR.resolve("audio-only.ts");
        if (!Files.exists(file)) {
            ffmpeg(file, "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "3", "-c:a", "aac",
                    "-f", "mpegts");
        }
        return file;
    }

    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ffprobe's view of the first video frames: lines like {@code 1,I} (key_frame,pict_type). */
    public static List<String> firstVideoFrames(Path file, int frames) {
        return run(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-read_intervals", "%+#" + frames,
                "-show_entries", "frame=key_frame,pict_type", "-of", "csv=p=0", file.toString()));
    }

    /** The error lines of a full decode with {@code ffmpeg -f null}. */
    public static List<String> decodeErrors(Path file) {
        return run(List.of("ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-i", file.toString(), "-f", "null",
                "-"));
    }

    /**
     * A capture cut where a viewer stopped reading, trimmed to whole PES packets: everything from
     * the last video PES start on, and each other stream's last PES before that point, is dropped,
     * so a decode check sees only what the proxy delivered whole.
     */
    public static byte[] wholeFrames(byte[] capture) {
        int packets = capture.length / 188;
        int cut = -1;
        Map<Integer, Integer> lastStart = new HashMap<>();
        for (int i = 0; i < packets; i++) {
            int streamId = pesStreamId(capture, i * 188);
            if (streamId >= 0xE0 && streamId <= 0xEF) {
                cut = i;
            }
        }
        if (cut < 0) {
            return capture;
        }
        for (int i = 0; i < cut; i++) {
            if (pesStreamId(capture, i * 188) >= 0) {
                lastStart.put(pid(capture, i * 188), i);
            }
        }
        int videoPid = pid(capture, cut * 188);
        ByteArrayOutputStream out = new ByteArrayOutputStream(cut * 188);
        for (int i = 0; i < cut; i++) {
            int pid = pid(capture, i * 188);
            Integer start = lastStart.get(pid);
            if (pid == videoPid || start == null || i < start) {
                out.write(capture, i * 188, 188);
            }
        }
        return out.toByteArray();
    }

    private static int pid(byte[] ts, int at) {
        return ((ts[at + 1] & 0x1F) << 8) | (ts[at + 2] & 0xFF);
    }

    /** The PES stream id when this packet starts a PES packet, else -1. */
    private static int pesStreamId(byte[] ts, int at) {
        if (ts[at] != 0x47 || (ts[at + 1] & 0x40) == 0) {
            return -1;
        }
        int payload = at + 4;
        if ((ts[at + 3] & 0x20) != 0) {
            payload += 1 + (ts[at + 4] & 0xFF);
        }
        if ((ts[at + 3] & 0x10) == 0 || payload + 4 > at + 188) {
            return -1;
        }
        boolean prefix = ts[payload] == 0 && ts[payload + 1] == 0 && ts[payload + 2] == 1;
        return prefix ? ts[payload + 3] & 0xFF : -1;
    }

    private static void ffmpeg(Path out, String... args) {
        try {
            Files.createDirectories(DIR);
            List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-y"));
            cmd.addAll(List.of(args));
            Path tmp = out.resolveSibling(out.getFileName() + ".tmp.ts");
            cmd.add(tmp.toString());
            List<String> output = run(cmd);
            if (!Files.exists(tmp)) {
                throw new IllegalStateException("ffmpeg failed: " + output);
            }
            Files.move(tmp, out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> run(List<String> cmd) {
        try {
            Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            List<String> lines;
            try (var reader = process.inputReader()) {
                lines = reader.lines().toList();
            }
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + cmd);
            }
            return lines;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
