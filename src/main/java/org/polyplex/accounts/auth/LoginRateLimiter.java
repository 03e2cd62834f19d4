package org.polyplex.accounts.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.accounts.AuthConfig;

/**
 * Counts failed logins per username and per client address in fixed windows. A key over its
 * limit is refused (429) until its window ends, even with the right password, so that guessing
 * stays slow. Bounded: at most {@code max-tracked} keys, the oldest windows dropped first.
 */
@ApplicationScoped
public class LoginRateLimiter {

    private record Window(Instant start, int failures) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final AuthConfig.LoginLimit limits;
    private final Clock clock;

    LoginRateLimiter(AuthConfig config, Clock clock) {
        this.limits = config.loginLimit();
        this.clock = clock;
    }

    /** How long the caller must wait, or {@link Duration#ZERO} when it may try now. */
    public Duration retryAfter(String username, String address) {
        Instant now = clock.instant();
        Duration wait = blocked("u:" + username, limits.perUsername(), now);
        Duration byAddress = blocked("a:" + address, limits.perAddress(), now);
        return wait.compareTo(byAddress) >= 0 ? wait : byAddress;
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        count("u:" + username, now);
        count("a:" + address, now);
        if (windows.size() > limits.maxTracked()) {
            prune(now);
        }
    }

    /** A successful login clears the username's failures (not the address's). */
    public void succeeded(String username) {
        windows.remove("u:" + username);
    }

    private Duration blocked(String key, int limit, Instant now) {
        Window window = windows.get(key);
        if (window == null || window.failures() < limit) {
            return Duration.ZERO;
        }
        Instant end = window.start().plus(limits.window());
        return end.isAfter(now) ? Duration.between(now, end) : Duration.ZERO;
    }

    private void count(String key, Instant now) {
        windows.compute(key, (k, window) -> window == null || !window.start().plus(limits.window()).isAfter(now)
                ? new Window(now, 1)
                : new Window(window.start(), window.failures() + 1));
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
