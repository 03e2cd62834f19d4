package org.polyplex.accounts.auth;

import java.time.Clock;
import java.time.Duration;

import org.polyplex.accounts.AuthConfig;

/**
 * Counts bad line logins per client address in fixed windows. An address over its limit is
 * refused until its window ends, even with right credentials, so that guessing stays slow. IPv6
 * clients are counted per /64 network ({@link AddressKeys}). Bounded to {@code max-tracked}
 * addresses ({@link FailureWindows}). Good logins are never counted: a household of apps sharing
 * one address keeps working.
 * Never blocks.
 */
final class LineThrottle {

    private final FailureWindows windows;
    private final int maxFailures;

    LineThrottle(AuthConfig.LineLimit limits, Clock clock) {
        this.maxFailures = limits.maxFailures();
        this.windows = new FailureWindows(limits.window(), limits.maxTracked(), clock);
    }

    /** How long the address must wait, or {@link Duration#ZERO} when it may try now. */
    Duration retryAfter(String address) {
        return maxFailures <= 0 ? Duration.ZERO : windows.retryAfter(key(address), maxFailures);
    }

    void failed(String address) {
        if (maxFailures > 0) {
            windows.failed(key(address));
        }
    }

    /** Addresses currently tracked; for tests of the bound. */
    int tracked() {
        return windows.tracked();
    }

    static String key(String address) {
        return AddressKeys.of(address);
    }
}
