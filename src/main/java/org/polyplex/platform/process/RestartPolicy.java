package org.polyplex.platform.process;

import java.time.Duration;

/**
 * When an exited process starts again: at most {@code maxRestarts} restarts within {@code window}
 * (one more and the process gives up), each after a backoff that starts at {@code initialBackoff}
 * and doubles with every restart still inside the window, up to {@code maxBackoff}.
 */
public record RestartPolicy(int maxRestarts, Duration window, Duration initialBackoff, Duration maxBackoff) {

    /** Never restart: the first exit is the end. */
    public static final RestartPolicy NEVER = new RestartPolicy(0, Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO);

    public RestartPolicy {
        if (maxRestarts < 0 || maxRestarts > 10_000) {
            throw new IllegalArgumentException("maxRestarts must be 0..10000: " + maxRestarts);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the restart window must be positive");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be 0 <= initial <= max");
        }
    }

    /** Backoff before the restart that follows {@code recentRestarts} restarts inside the window. */
    public Duration backoff(int recentRestarts) {
        Duration d = initialBackoff;
        for (int i = 0; i < recentRestarts && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
