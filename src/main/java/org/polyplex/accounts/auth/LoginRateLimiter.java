package org.polyplex.accounts.auth;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.accounts.AuthConfig;

/**
 * Counts failed logins per username and per client address in fixed windows. A key over its
 * limit is refused (429) until its window ends, even with the right password, so that guessing
 * stays slow. Bounded: at most {@code max-tracked} keys, the oldest windows dropped first.
 */
@ApplicationScoped
public class LoginRateLimiter {

    private final FailureWindows windows;
    private final AuthConfig.LoginLimit limits;

    LoginRateLimiter(AuthConfig config, Clock clock) {
        this.limits = config.loginLimit();
        this.windows = new FailureWindows(limits.window(), limits.maxTracked(), clock);
    }

    /** How long the caller must wait, or {@link Duration#ZERO} when it may try now. */
    public Duration retryAfter(String username, String address) {
        Duration byUsername = windows.retryAfter("u:" + username, limits.perUsername());
        Duration byAddress = windows.retryAfter("a:" + address, limits.perAddress());
        return byUsername.compareTo(byAddress) >= 0 ? byUsername : byAddress;
    }

    public void failed(String username, String address) {
        windows.failed("u:" + username);
        windows.failed("a:" + address);
    }

    /** A successful login clears the username's failures (not the address's). */
    public void succeeded(String username) {
        windows.clear("u:" + username);
    }
}
