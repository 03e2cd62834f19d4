package org.polyplex.ingest.keys;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts failed key checks per client address in a fixed window that starts at the first failure:
 * once an address has {@code maxFailures} within the window it is limited until the window ends.
 * At most {@code maxAddresses} are remembered, the least recently seen forgotten first. Success
 * never resets the count (an attacker holding one valid key could otherwise keep guessing).
 * Thread-safe; times are a monotonic clock's nanoseconds. Pure.
 */
public final class FailureLimiter {

    private final int maxFailures;
    private final long windowNanos;
    private final Map<String, Window> windows;

    public FailureLimiter(int maxFailures, long windowNanos, int maxAddresses) {
        if (maxFailures < 1 || windowNanos < 1 || maxAddresses < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxFailures = maxFailures;
        this.windowNanos = windowNanos;
        this.windows = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
                return size() > maxAddresses;
            }
        };
    }

    /** Whether the address is refused now, without a check. */
    public synchronized boolean limited(String address, long now) {
        Window w = windows.get(address);
        if (w == null) {
            return false;
        }
        if (now - w.start >= windowNanos) {
            windows.remove(address);
            return false;
        }
        return w.failures >= maxFailures;
    }

    /** Records a failed check of the address; answers whether it is limited from now on. */
    public synchronized boolean failed(String address, long now) {
        Window w = windows.get(address);
        if (w == null || now - w.start >= windowNanos) {
            w = new Window(now);
            windows.put(address, w);
        }
        w.failures++;
        return w.failures >= maxFailures;
    }

    /** Addresses remembered now. */
    public synchronized int size() {
        return windows.size();
    }

    private static final class Window {
        final long start;
        int failures;

        Window(long start) {
            this.start = start;
        }
    }
}
