package org.polyplex.accounts.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import org.polyplex.accounts.AuthConfig;
import org.polyplex.testsupport.TestConfigs;

import org.junit.jupiter.api.Test;

class LoginRateLimiterTest {

    private static final Duration WINDOW = Duration.ofMinutes(10);

    private final MutableClock clock = new MutableClock();
    /** 3 per (username, address), 10 per username, 5 per address. */
    private final LoginRateLimiter limiter = new LoginRateLimiter(config(3, 10, 5, 100), clock);

    @Test
    void shouldBlockAUsernameFromOneAddressUntilTheWindowEndsWhenItFailedTooOften() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.retryAfter("alice", "10.0.0.1")).isZero();
            limiter.failed("alice", "10.0.0.1");
        }
        assertThat(limiter.retryAfter("alice", "10.0.0.1")).isEqualTo(WINDOW);
        clock.advance(Duration.ofMinutes(4));
        assertThat(limiter.retryAfter("alice", "10.0.0.1")).isEqualTo(Duration.ofMinutes(6));
        clock.advance(Duration.ofMinutes(6));
        assertThat(limiter.retryAfter("alice", "10.0.0.1")).isZero();
    }

    @Test
    void shouldNotLockTheAdminOutElsewhereWhenOneAddressFailsForAdmin() {
        for (int i = 0; i < 5; i++) {
            limiter.failed("admin", "203.0.113.9");
        }
        assertThat(limiter.retryAfter("admin", "203.0.113.9")).isPositive();
        assertThat(limiter.retryAfter("admin", "10.0.0.1")).isZero();
        assertThat(limiter.retryAfter("admin", "10.0.0.2")).isZero();
    }

    @Test
    void shouldBlockAnAddressThatTriesManyUsernamesWhenOverItsLimit() {
        for (int i = 0; i < 5; i++) {
            limiter.failed("user" + i, "10.0.0.9");
        }
        assertThat(limiter.retryAfter("someone-new", "10.0.0.9")).isPositive();
        assertThat(limiter.retryAfter("someone-new", "10.0.0.8")).isZero();
    }

    @Test
    void shouldBoundGuessesOfOneUsernameFromManyAddressesButNotLockOutATrustedAddress() {
        limiter.succeeded("admin", "10.0.0.1");
        for (int i = 0; i < 10; i++) {
            limiter.failed("admin", "198.51.100." + i);
        }
        assertThat(limiter.retryAfter("admin", "198.51.100.200")).as("new address").isEqualTo(WINDOW);
        assertThat(limiter.retryAfter("admin", "10.0.0.1")).as("address with a good login").isZero();
        assertThat(limiter.retryAfter("bob", "198.51.100.200")).as("other username").isZero();
    }

    @Test
    void shouldStopTrustingAnAddressWhenItsGoodLoginIsOlderThanTrustFor() {
        limiter.succeeded("admin", "10.0.0.1");
        clock.advance(Duration.ofDays(31));
        for (int i = 0; i < 10; i++) {
            limiter.failed("admin", "198.51.100." + i);
        }
        assertThat(limiter.retryAfter("admin", "10.0.0.1")).isPositive();
    }

    @Test
    void shouldClearThePairButNotTheAddressWhenALoginSucceeds() {
        limiter.failed("carol", "10.0.0.5");
        limiter.failed("carol", "10.0.0.5");
        limiter.succeeded("carol", "10.0.0.5");
        limiter.failed("carol", "10.0.0.5");
        limiter.failed("carol", "10.0.0.5");
        assertThat(limiter.retryAfter("carol", "10.0.0.5")).isZero();
        limiter.failed("dave", "10.0.0.5");
        assertThat(limiter.retryAfter("erin", "10.0.0.5")).as("five failures from the address").isPositive();
    }

    @Test
    void shouldCountAnIpv6SlashSixtyFourAsOneAddressWhenTheHostRotates() {
        for (int i = 0; i < 3; i++) {
            limiter.failed("admin", "2001:db8:7:7::" + (i + 1));
        }
        assertThat(limiter.retryAfter("admin", "2001:db8:7:7::99")).isPositive();
        assertThat(limiter.retryAfter("admin", "2001:db8:7:8::1")).isZero();
    }

    @Test
    void shouldKeepTheKeyUnderAttackWhenOneOffKeysAreSprayedPastTheBound() {
        LoginRateLimiter small = new LoginRateLimiter(config(3, 1000, 1000, 10), clock);
        int guesses = 0;
        for (int i = 0; i < 100; i++) {
            clock.advance(Duration.ofMillis(1));
            small.failed("spray" + i, "10.1.0." + i);
            // the attacker of alice guesses whenever it is let in, between the spray
            if (small.retryAfter("alice", "10.2.0.1").isZero()) {
                small.failed("alice", "10.2.0.1");
                guesses++;
            }
        }
        assertThat(guesses).as("guesses let in within one window, however many keys were sprayed").isEqualTo(3);
        assertThat(small.retryAfter("alice", "10.2.0.1")).isPositive();
    }

    static AuthConfig.LoginLimit config(int perPair, int perUser, int perAddress, int maxTracked) {
        return TestConfigs.of(AuthConfig.class, Map.of(
                "polyplex.auth.login-limit.per-username-and-address", Integer.toString(perPair),
                "polyplex.auth.login-limit.per-username", Integer.toString(perUser),
                "polyplex.auth.login-limit.per-address", Integer.toString(perAddress),
                "polyplex.auth.login-limit.window", WINDOW.toString(),
                "polyplex.auth.login-limit.trust-for", "P30D",
                "polyplex.auth.login-limit.max-tracked", Integer.toString(maxTracked))).loginLimit();
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
