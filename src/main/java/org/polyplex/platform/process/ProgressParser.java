package org.polyplex.platform.process;

import java.time.Clock;
import java.util.Optional;

/**
 * Accumulates ffmpeg {@code -progress} lines ({@code key=value}) into {@link Progress} blocks; a
 * block ends with {@code progress=continue} or {@code progress=end}. Not thread-safe: one reader.
 */
final class ProgressParser {

    private final Clock clock;
    private long frame = -1;
    private double fps = -1;
    private double bitrate = -1;
    private double speed = -1;
    private long outTimeUs = -1;
    private long dropped = -1;
    private long duplicated = -1;

    ProgressParser(Clock clock) {
        this.clock = clock;
    }

    /** Whether the line has the shape of a progress line ({@code key=value}, key in [a-z0-9_]). */
    static boolean isProgressLine(String line) {
        int eq = line.indexOf('=');
        if (eq <= 0) {
            return false;
        }
        for (int i = 0; i < eq; i++) {
            char c = line.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** Takes one line; answers the block when this line completed one. */
    Optional<Progress> line(String line) {
        int eq = line.indexOf('=');
        if (eq <= 0) {
            return Optional.empty();
        }
        String key = line.substring(0, eq);
        String value = line.substring(eq + 1).trim();
        switch (key) {
            case "frame" -> frame = parseLong(value);
            case "fps" -> fps = parseDouble(value, "");
            case "bitrate" -> bitrate = parseDouble(value, "kbits/s");
            case "speed" -> speed = parseDouble(value, "x");
            case "out_time_us" -> outTimeUs = parseLong(value);
            case "drop_frames" -> dropped = parseLong(value);
            case "dup_frames" -> duplicated = parseLong(value);
            case "progress" -> {
                Progress p = new Progress(frame, fps, bitrate, speed, outTimeUs, "end".equals(value), clock.instant(),
                        dropped, duplicated);
                frame = -1;
                fps = -1;
                bitrate = -1;
                speed = -1;
                outTimeUs = -1;
                dropped = -1;
                duplicated = -1;
                return Optional.of(p);
            }
            default -> {
                // other keys (total_size, stream_0_0_q, ...) are not kept
            }
        }
        return Optional.empty();
    }

    private static long parseLong(String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static double parseDouble(String v, String unit) {
        String s = v.endsWith(unit) ? v.substring(0, v.length() - unit.length()).trim() : v;
        try {
            double d = Double.parseDouble(s);
            return Double.isFinite(d) ? d : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
