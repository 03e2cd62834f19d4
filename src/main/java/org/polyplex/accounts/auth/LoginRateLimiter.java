package org.polyplex.accounts.auth;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.polyplex.accounts.AuthConfig;

/**
 * Counts failed admin logins in fixed windows, in three dimensions: per (username, address), per
 * address, and per username over all addresses. A caller over any of its limits is refused (429)
 * until the window ends, even with the right password, so that guessing stays slow. The
 * per-username bound does not apply to an address that logged in successfully as that user within
 * {@code trust-for}: an attacker elsewhere can slow guessing of {@code admin} everywhere else, but
 * never lock the real admin out. Addresses are keyed by {@link AddressKeys} (IPv6 per /64). Each
 * dimension is bounded to {@code max-tracked} keys on its own, so spraying one cannot evict
 * another. Never blocks.
 */
@ApplicationScoped
public class LoginRateLimiter {

    private final FailureWindows byPair;
    private final FailureWindows byAddress;
    private final FailureWindows byUsername;
    private final TrustedLogins trusted;
    private final AuthConfig.LoginLimit limits;

    @Inject
    LoginRateLimiter(AuthConfig config, Clock clock) {
        this(config.loginLimit(), clock);
    }

    LoginRateLimiter(AuthConfig.LoginLimit limits, Clock clock) {
        this.limits = limits;
        this.byPair = new FailureWindows(limits.window(), limits.maxTracked(), clock);
        this.byAddress = new FailureWindows(limits.window(), limits.maxTracked(), clock);
        this.byUsername = new FailureWindows(limits.window(), limits.maxTracked(), clock);
        this.trusted = new TrustedLogins(limits.trustFor(), limits.maxTracked(), clock);
    }

    /** How long the caller must wait, or {@link Duration#ZERO} when it may try now. */
    public Duration retryAfter(String username, String address) {
        String key = AddressKeys.of(address);
        String pair = pair(username, key);
        Duration wait = longest(byPair.retryAfter(pair, limits.perUsernameAndAddress()),
                byAddress.retryAfter(key, limits.perAddress()));
        return trusted.trusted(pair) ? wait : longest(wait, byUsername.retryAfter(username, limits.perUsername()));
    }

    public void failed(String username, String address) {
        String key = AddressKeys.of(address);
        byPair.failed(pair(username, key));
        byAddress.failed(key);
        byUsername.failed(username);
    }

    /**
     * A successful login clears the failures of this (username, address) and trusts the address
     * for the username; the address's and the username's own counts stay.
     */
    public void succeeded(String username, String address) {
        String pair = pair(username, AddressKeys.of(address));
        byPair.clear(pair);
        trusted.succeeded(pair);
    }

    private static String pair(String username, String addressKey) {
        return username + '\n' + addressKey;
    }

    private static Duration longest(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
