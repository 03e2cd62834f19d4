package org.polyplex.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the app's GC log ({@code -Xlog:gc:file=...}) phase by phase: the heap used before each
 * collection (where the heap peaks) and the pauses. Reading a file the JVM writes anyway costs
 * the measured app nothing, where polling its metrics endpoint would compete with the load.
 */
final class GcLog {

    // G1 and Parallel print the heap on their pause lines; Shenandoah and ZGC on their cycle lines.
    private static final Pattern HEAP = Pattern.compile("(\\d+)M->(\\d+)M\\(\\d+M\\)");
    private static final Pattern PAUSE = Pattern.compile("Pause .* ([\\d.]+)ms$");

    /** What a phase saw: the peak used heap in MB, the pauses, their total and longest in ms. */
    record Phase(long peakMb, int pauses, double totalMs, double maxMs) {

        String pausesText() {
            return String.format("%d pauses, %.0f ms in all, longest %.1f ms", pauses, totalMs, maxMs);
        }
    }

    private final Path file;
    private long offset;

    GcLog(Path file) throws IOException {
        this.file = file;
        this.offset = length();
    }

    /** The phase from the previous call (or from construction) to now. */
    Phase next() throws IOException {
        String text;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long end = in.length();
            byte[] bytes = new byte[(int) Math.max(0, end - offset)];
            in.seek(Math.min(offset, end));
            in.readFully(bytes);
            offset = end;
            text = new String(bytes, StandardCharsets.UTF_8);
        }
        long peak = 0;
        int pauses = 0;
        double total = 0;
        double max = 0;
        for (String line : text.split("\n")) {
            Matcher heap = HEAP.matcher(line);
            if (heap.find()) {
                peak = Math.max(peak, Math.max(Long.parseLong(heap.group(1)), Long.parseLong(heap.group(2))));
            }
            Matcher pause = PAUSE.matcher(line);
            if (pause.find()) {
                double ms = Double.parseDouble(pause.group(1));
                pauses++;
                total += ms;
                max = Math.max(max, ms);
            }
        }
        return new Phase(peak, pauses, total, max);
    }

    private long length() throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            return in.length();
        }
    }
}
