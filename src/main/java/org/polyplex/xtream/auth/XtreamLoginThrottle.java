package org.polyplex.xtream.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.xtream.XtreamConfig;

/**
 * Counts bad Xtream logins per client address in fixed windows. An address over its limit is
 * refused until its window ends, even with right credentials, so that guessing stays slow.
 * Bounded to {@code max-tracked} addresses, the oldest windows dropped first. Good logins are
 * never counted: a household of apps sharing one address keeps working.
 */
@ApplicationScoped
public class XtreamLoginThrottle {

    private record Window(Instant start, int failures) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final XtreamConfig.Throttle limits;
    private final Clock clock;

    XtreamLoginThrottle(XtreamConfig config, Clock clock) {
        this.limits = config.throttle();
        this.clock = clock;
    }

    /** How long the address must wait, or {@link Duration#ZERO} when it may try now. */
    public Duration retryAfter(String address) {
        if (limits.maxFailures() <= 0) {
            return Duration.ZERO;
        }
        Window window = windows.get(address);
        if (window == null || window.failures() < limits.maxFailures()) {
            return Duration.ZERO;
        }
        Instant now = clock.instant();
        Instant end = window.start().plus(limits.window());
        return end.isAfter(now) ? Duration.between(now, end) : Duration.ZERO;
    }

    public void failed(String address) {
        if (limits.maxFailures() <= 0) {
            return;
        }
        Instant now = clock.instant();
        windows.compute(address, (k, w) -> w == null || !w.start().plus(limits.window()).isAfter(now)
                ? new Window(now, 1)
                : new Window(w.start(), w.failures() + 1));
        if (windows.size() > limits.maxTracked()) {
            prune(now);
        }
    }

    /** Addresses currently tracked; for tests of the bound. */
    int tracked() {
        return windows.size();
    }

    private void prune(Instant now) {
        windows.values().removeIf(w -> !w.start().plus(limits.window()).isAfter(now));
        int excess = windows.size() - limits.maxTracked();
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
