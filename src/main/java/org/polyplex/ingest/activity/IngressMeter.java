package org.polyplex.ingest.activity;

/**
 * Bytes received over a sliding window of whole seconds, kept in one bucket per second: the
 * bitrate of a publish without a sample per message. Thread-safe; times are monotonic nanoseconds.
 * Pure.
 */
final class IngressMeter {

    private static final long SECOND = 1_000_000_000L;

    private final long[] bytes;
    private final long[] second;
    private final long startSecond;

    IngressMeter(int windowSeconds, long now) {
        this.bytes = new long[windowSeconds];
        this.second = new long[windowSeconds];
        this.startSecond = now / SECOND;
        java.util.Arrays.fill(second, Long.MIN_VALUE);
    }

    synchronized void add(long count, long now) {
        long s = now / SECOND;
        int i = (int) Math.floorMod(s, (long) bytes.length);
        if (second[i] != s) {
            second[i] = s;
            bytes[i] = 0;
        }
        bytes[i] += count;
    }

    /**
     * Kilobits per second over the last whole seconds of the window (the current, partial second
     * left out), or fewer seconds when the meter is younger than its window.
     */
    synchronized long kbps(long now) {
        long current = now / SECOND;
        long seconds = Math.min(bytes.length - 1L, current - startSecond);
        if (seconds <= 0) {
            return 0;
        }
        long sum = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (second[i] < current && second[i] >= current - seconds) {
                sum += bytes[i];
            }
        }
        return sum * 8 / 1000 / seconds;
    }
}
