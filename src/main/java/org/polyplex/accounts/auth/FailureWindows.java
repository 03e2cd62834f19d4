package org.polyplex.accounts.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Failed attempts counted per key in fixed windows: the mechanism behind every login throttle.
 * A key that reached its limit is refused until its window ends. Bounded: a Caffeine cache of at
 * most {@code maxTracked} keys, where a window is dropped when it ends and, past the bound,
 * Caffeine's frequency-and-recency policy drops keys seen once before keys that keep failing (a
 * spray of one-off keys cannot flush the window of a key under attack). No I/O: the upkeep is a
 * few map operations on the calling thread, safe on an event loop.
 */
public final class FailureWindows {

    private record Window(Instant start, int failures) {
    }

    private final Cache<String, Window> windows;
    private final Duration length;
    private final Clock clock;

    public FailureWindows(Duration length, int maxTracked, Clock clock) {
        this.length = length;
        this.clock = clock;
        this.windows = Caffeine.newBuilder()
                .maximumSize(maxTracked)
                // a window lives until its end, however often it is counted or read meanwhile
                .expireAfter(Expiry.writing((String key, Window w) -> remaining(w, clock.instant())))
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                // upkeep (eviction, expiry) on the calling thread, a few entries at a time: the
                // bound holds at once and no pool is woken per login
                .executor(Runnable::run)
                .build();
    }

    /** How long {@code key} must wait, or {@link Duration#ZERO} when it has fewer than {@code limit} failures. */
    public Duration retryAfter(String key, int limit) {
        Window window = windows.getIfPresent(key);
        if (window == null || window.failures() < limit) {
            return Duration.ZERO;
        }
        return remaining(window, clock.instant());
    }

    /** Counts one failure of {@code key}, starting a new window when the last one ended. */
    public void failed(String key) {
        Instant now = clock.instant();
        windows.asMap().compute(key, (k, w) -> w == null || !w.start().plus(length).isAfter(now)
                ? new Window(now, 1)
                : new Window(w.start(), w.failures() + 1));
    }

    /** Forgets the failures of {@code key}. */
    public void clear(String key) {
        windows.invalidate(key);
    }

    /** Keys currently tracked (after pending evictions ran). */
    public int tracked() {
        windows.cleanUp();
        return (int) windows.estimatedSize();
    }

    private Duration remaining(Window window, Instant now) {
        Instant end = window.start().plus(length);
        return end.isAfter(now) ? Duration.between(now, end) : Duration.ZERO;
    }
}
