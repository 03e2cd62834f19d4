package org.polyplex.ingest.rtmp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real ffmpeg and ffprobe for the RTMP tests (off the event loop: test threads). */
final class Ffmpeg {

    private Ffmpeg() {
    }

    /** Starts ffmpeg publishing a test pattern and a tone for {@code seconds} to the URL. */
    static Process publish(String url, double seconds, Path log) throws IOException {
        return new ProcessBuilder("ffmpeg", "-hide_banner", "-nostdin", "-re", "-f", "lavfi", "-i",
                "testsrc2=size=640x360:rate=25", "-f", "lavfi", "-i", "sine=frequency=440", "-c:v", "libx264",
                "-preset", "ultrafast", "-tune", "zerolatency", "-g", "50", "-c:a", "aac", "-t",
                String.valueOf(seconds), "-f", "flv", url).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
    }

    /** Waits for the process; answers its exit code, or kills it and fails after the timeout. */
    static int exit(Process process, long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("ffmpeg still running after " + seconds + " s");
        }
        return process.exitValue();
    }

    /** Runs a command to its end and answers its exit code and output. */
    static Result run(Path log, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
        int code = exit(process, 60);
        return new Result(code, Files.readString(log));
    }

    /** ffprobe's {@code codec_name,width} line per stream of a file. */
    static List<String> streams(Path file, Path log) throws IOException, InterruptedException {
        Result result = run(log, "ffprobe", "-v", "error", "-show_entries", "stream=codec_name,width", "-of",
                "csv=p=0", file.toString());
        List<String> lines = new ArrayList<>(result.output().lines().map(String::strip).toList());
        lines.sort(null);
        return lines;
    }

    record Result(int code, String output) {
    }
}
