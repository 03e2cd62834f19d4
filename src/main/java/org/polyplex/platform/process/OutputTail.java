package org.polyplex.platform.process;

import java.util.ArrayDeque;
import java.util.List;

import org.polyplex.platform.logging.Redaction;

/** The last lines a process wrote, bounded in count and in length per line. Thread-safe. */
public final class OutputTail {

    private final int maxLines;
    private final int maxLineLength;
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private String lastError = "";

    public OutputTail(int maxLines, int maxLineLength) {
        this.maxLines = maxLines;
        this.maxLineLength = maxLineLength;
    }

    /**
     * Adds a line, redacted (ffmpeg prints its input and output URLs, with their credentials, in
     * errors such as {@code rtsp://user:pass@cam/: 401 Unauthorized}) and cut to the maximum length;
     * answers the kept text.
     */
    public synchronized String add(String line, boolean error) {
        String redacted = Redaction.text(line);
        String kept = redacted.length() > maxLineLength ? redacted.substring(0, maxLineLength) : redacted;
        if (lines.size() == maxLines) {
            lines.removeFirst();
        }
        lines.addLast(kept);
        if (error) {
            lastError = kept;
        }
        return kept;
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** The last line that read as an error, or "" when none did. */
    public synchronized String lastError() {
        return lastError;
    }

    /** Whether an ffmpeg-style stderr line reports an error (ffmpeg has no level prefix by default). */
    static boolean looksLikeError(String line) {
        String l = line.toLowerCase(java.util.Locale.ROOT);
        return l.contains("error") || l.contains("failed") || l.contains("invalid") || l.contains("could not")
                || l.contains("no such file") || l.contains("permission denied") || l.contains("conversion failed");
    }
}
