package org.polyplex.restream.run;

import java.time.Duration;

/**
 * The backoff of a dropped destination: {@code initial} after the first failure, doubling with
 * every further failure in a row, capped at {@code max} (2, 4, 8, 16, 32, 60, 60 ... s by default);
 * after {@code maxAttempts} failures in a row the destination has failed. Every failure waits,
 * however fast the ffmpeg exited, so a destination that refuses at once cannot spin. Pure.
 */
public record RetrySchedule(Duration initial, Duration max, int maxAttempts) {

    public RetrySchedule {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff must be 0 < initial <= max");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** The wait after the {@code failures}-th failure in a row (counting from 1). */
    public Duration delay(int failures) {
        Duration d = initial;
        for (int i = 1; i < failures && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }

    /** Whether {@code failures} failures in a row mean the destination has failed. */
    public boolean exhausted(int failures) {
        return failures >= maxAttempts;
    }
}
