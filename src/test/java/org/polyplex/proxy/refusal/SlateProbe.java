package org.polyplex.proxy.refusal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real ffprobe on slate bytes: the codecs of its streams and its duration, one per line. */
final class SlateProbe {

    private SlateProbe() {
    }

    static String probe(byte[] ts) throws IOException, InterruptedException {
        Path file = Files.createTempFile("slate", ".ts");
        try {
            Files.write(file, ts);
            return probe(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** ffprobe's report; throws when ffprobe fails or reports a decoding error. */
    static String probe(Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of("ffprobe", "-v", "error", "-show_entries",
                "stream=codec_name:format=duration", "-of", "default=nw=1:nk=1", file.toString()))
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("ffprobe failed on " + file + ": " + out);
        }
        return out;
    }
}
