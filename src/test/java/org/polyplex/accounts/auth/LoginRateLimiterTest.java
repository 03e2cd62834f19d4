package org.polyplex.accounts.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.polyplex.accounts.AuthConfig;

import org.junit.jupiter.api.Test;

class LoginRateLimiterTest {

    private final MutableClock clock = new MutableClock();
    private final LoginRateLimiter limiter = new LoginRateLimiter(config(3, 5, Duration.ofMinutes(10), 100), clock);

    @Test
    void blocksAUsernameAfterItsLimitUntilTheWindowEnds() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.retryAfter("alice", "10.0.0.1")).isZero();
            limiter.failed("alice", "10.0.0.1");
        }
        assertThat(limiter.retryAfter("alice", "10.0.0.2")).isEqualTo(Duration.ofMinutes(10));
        assertThat(limiter.retryAfter("bob", "10.0.0.2")).isZero();
        clock.advance(Duration.ofMinutes(4));
        assertThat(limiter.retryAfter("alice", "10.0.0.3")).isEqualTo(Duration.ofMinutes(6));
        clock.advance(Duration.ofMinutes(6));
        assertThat(limiter.retryAfter("alice", "10.0.0.3")).isZero();
    }

    @Test
    void blocksAnAddressThatTriesManyUsernames() {
        for (int i = 0; i < 5; i++) {
            limiter.failed("user" + i, "10.0.0.9");
        }
        assertThat(limiter.retryAfter("someone-new", "10.0.0.9")).isPositive();
        assertThat(limiter.retryAfter("someone-new", "10.0.0.8")).isZero();
    }

    @Test
    void successClearsTheUsernameButNotTheAddress() {
        limiter.failed("carol", "10.0.0.5");
        limiter.failed("carol", "10.0.0.5");
        limiter.succeeded("carol");
        limiter.failed("carol", "10.0.0.5");
        limiter.failed("carol", "10.0.0.5");
        assertThat(limiter.retryAfter("carol", "10.0.0.6")).isZero();
        limiter.failed("carol", "10.0.0.5");
        assertThat(limiter.retryAfter("carol", "10.0.0.6")).isPositive();
        assertThat(limiter.retryAfter("dave", "10.0.0.5")).isPositive();
    }

    @Test
    void tracksABoundedNumberOfKeys() {
        LoginRateLimiter small = new LoginRateLimiter(config(1, 1000, Duration.ofMinutes(10), 10), clock);
        for (int i = 0; i < 100; i++) {
            clock.advance(Duration.ofMillis(1));
            small.failed("spray" + i, "10.1.0." + i);
        }
        // the newest keys are kept, the oldest were dropped
        assertThat(small.retryAfter("spray99", "x")).isPositive();
        assertThat(small.retryAfter("spray0", "x")).isZero();
    }

    private static AuthConfig config(int perUser, int perAddress, Duration window, int maxTracked) {
        return new AuthConfig() {
            public String issuer() {
                return "polyplex";
            }

            public Duration tokenTtl() {
                return Duration.ofHours(1);
            }

            public String keyDir() {
                return "target/jwt";
            }

            public int bcryptCost() {
                return 4;
            }

            public LoginLimit loginLimit() {
                return new LoginLimit() {
                    public int perUsername() {
                        return perUser;
                    }

                    public int perAddress() {
                        return perAddress;
                    }

                    public Duration window() {
                        return window;
                    }

                    public int maxTracked() {
                        return maxTracked;
                    }
                };
            }
        };
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
