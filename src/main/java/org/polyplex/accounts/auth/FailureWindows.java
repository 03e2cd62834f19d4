package org.polyplex.accounts.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed attempts counted per key in fixed windows: the mechanism behind every login throttle.
 * A key that reached its limit is refused until its window ends. Bounded: at most
 * {@code maxTracked} keys, expired windows dropped first, then the oldest.
 */
public final class FailureWindows {

    private record Window(Instant start, int failures) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Duration length;
    private final int maxTracked;
    private final Clock clock;

    public FailureWindows(Duration length, int maxTracked, Clock clock) {
        this.length = length;
        this.maxTracked = maxTracked;
        this.clock = clock;
    }

    /** How long {@code key} must wait, or {@link Duration#ZERO} when it has fewer than {@code limit} failures. */
    public Duration retryAfter(String key, int limit) {
        Window window = windows.get(key);
        if (window == null || window.failures() < limit) {
            return Duration.ZERO;
        }
        Instant now = clock.instant();
        Instant end = window.start().plus(length);
        return end.isAfter(now) ? Duration.between(now, end) : Duration.ZERO;
    }

    /** Counts one failure of {@code key}, starting a new window when the last one ended. */
    public void failed(String key) {
        Instant now = clock.instant();
        windows.compute(key, (k, w) -> w == null || !w.start().plus(length).isAfter(now)
                ? new Window(now, 1)
                : new Window(w.start(), w.failures() + 1));
        if (windows.size() > maxTracked) {
            prune(now);
        }
    }

    /** Forgets the failures of {@code key}. */
    public void clear(String key) {
        windows.remove(key);
    }

    /** Keys currently tracked. */
    public int tracked() {
        return windows.size();
    }

    private void prune(Instant now) {
        windows.values().removeIf(w -> !w.start().plus(length).isAfter(now));
        int excess = windows.size() - maxTracked;
        if (excess > 0) {
            windows.entrySet().stream()
                    .sorted(Comparator.comparing(e -> e.getValue().start()))
                    .limit(excess)
                    .map(Map.Entry::getKey)
                    .toList()
                    .forEach(windows::remove);
        }
    }
}
