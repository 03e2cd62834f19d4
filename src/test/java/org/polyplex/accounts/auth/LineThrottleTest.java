package org.polyplex.accounts.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.polyplex.accounts.AuthConfig;
import org.polyplex.accounts.auth.LoginRateLimiterTest.MutableClock;
import org.polyplex.testsupport.TestConfigs;

import org.junit.jupiter.api.Test;

class LineThrottleTest {

    private final MutableClock clock = new MutableClock();

    private LineThrottle throttle(int maxFailures, int maxTracked) {
        AuthConfig config = TestConfigs.of(AuthConfig.class, Map.of(
                "polyplex.auth.line-limit.max-failures", Integer.toString(maxFailures),
                "polyplex.auth.line-limit.window", "PT5M",
                "polyplex.auth.line-limit.max-tracked", Integer.toString(maxTracked)));
        return new LineThrottle(config.lineLimit(), clock);
    }

    @Test
    void shouldBlockAnAddressUntilItsWindowEndsWhenOverTheLimit() {
        LineThrottle throttle = throttle(3, 100);
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.retryAfter("10.0.0.1")).isZero();
            throttle.failed("10.0.0.1");
        }
        assertThat(throttle.retryAfter("10.0.0.1")).isEqualTo(Duration.ofMinutes(5));
        assertThat(throttle.retryAfter("10.0.0.2")).isZero();
        clock.advance(Duration.ofMinutes(5));
        assertThat(throttle.retryAfter("10.0.0.1")).isZero();
    }

    @Test
    void shouldCountAWholeIpv6SlashSixtyFourWhenTheHostRotatesAddresses() {
        LineThrottle throttle = throttle(3, 100);
        throttle.failed("2001:db8:1:2:0:0:0:1");
        throttle.failed("2001:db8:1:2::ffff:2");
        throttle.failed("2001:0db8:0001:0002:aaaa:bbbb:cccc:dddd");
        assertThat(throttle.retryAfter("2001:db8:1:2:1234:5678:9abc:def0")).isPositive();
        assertThat(throttle.retryAfter("2001:db8:1:3:0:0:0:1")).isZero();
    }

    @Test
    void shouldKeyIpv4MappedAddressesAsIpv4WhenTheSocketIsDualStack() {
        assertThat(LineThrottle.key("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(LineThrottle.key("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(LineThrottle.key("unknown")).isEqualTo("unknown");
    }

    @Test
    void shouldTrackAtMostMaxTrackedAddressesWhenManyAddressesFail() {
        LineThrottle throttle = throttle(3, 10);
        for (int i = 0; i < 100; i++) {
            clock.advance(Duration.ofMillis(1));
            throttle.failed("10.0.1." + i);
        }
        assertThat(throttle.tracked()).isLessThanOrEqualTo(10);
    }

    @Test
    void shouldNeverBlockWhenMaxFailuresIsZero() {
        LineThrottle throttle = throttle(0, 10);
        for (int i = 0; i < 100; i++) {
            throttle.failed("10.0.0.1");
        }
        assertThat(throttle.retryAfter("10.0.0.1")).isZero();
    }
}
