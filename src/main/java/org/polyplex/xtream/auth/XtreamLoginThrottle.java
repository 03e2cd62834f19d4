package org.polyplex.xtream.auth;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.accounts.auth.FailureWindows;
import org.polyplex.xtream.XtreamConfig;

/**
 * Counts bad Xtream logins per client address in fixed windows. An address over its limit is
 * refused until its window ends, even with right credentials, so that guessing stays slow.
 * Bounded to {@code max-tracked} addresses, the oldest windows dropped first. Good logins are
 * never counted: a household of apps sharing one address keeps working.
 */
@ApplicationScoped
public class XtreamLoginThrottle {

    private final FailureWindows windows;
    private final XtreamConfig.Throttle limits;

    XtreamLoginThrottle(XtreamConfig config, Clock clock) {
        this.limits = config.throttle();
        this.windows = new FailureWindows(limits.window(), limits.maxTracked(), clock);
    }

    /** How long the address must wait, or {@link Duration#ZERO} when it may try now. */
    public Duration retryAfter(String address) {
        return limits.maxFailures() <= 0 ? Duration.ZERO : windows.retryAfter(address, limits.maxFailures());
    }

    public void failed(String address) {
        if (limits.maxFailures() > 0) {
            windows.failed(address);
        }
    }

    /** Addresses currently tracked; for tests of the bound. */
    int tracked() {
        return windows.tracked();
    }
}
