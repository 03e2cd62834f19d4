package org.polyplex.xtream.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.polyplex.xtream.TestConfigs;
import org.polyplex.xtream.XtreamConfig;

import org.junit.jupiter.api.Test;

class XtreamLoginThrottleTest {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private XtreamLoginThrottle throttle(int maxFailures, int maxTracked) {
        XtreamConfig.Throttle limits = new XtreamConfig.Throttle() {
            @Override
            public int maxFailures() {
                return maxFailures;
            }

            @Override
            public Duration window() {
                return Duration.ofMinutes(5);
            }

            @Override
            public int maxTracked() {
                return maxTracked;
            }
        };
        return new XtreamLoginThrottle(TestConfigs.withThrottle(limits), clock);
    }

    @Test
    void blocksAnAddressOverItsLimitUntilTheWindowEnds() {
        XtreamLoginThrottle throttle = throttle(3, 100);
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.retryAfter("10.0.0.1")).isZero();
            throttle.failed("10.0.0.1");
        }
        assertThat(throttle.retryAfter("10.0.0.1")).isEqualTo(Duration.ofMinutes(5));
        assertThat(throttle.retryAfter("10.0.0.2")).isZero();
        now = now.plus(Duration.ofMinutes(5));
        assertThat(throttle.retryAfter("10.0.0.1")).isZero();
    }

    @Test
    void tracksAtMostMaxTrackedAddresses() {
        XtreamLoginThrottle throttle = throttle(3, 10);
        for (int i = 0; i < 100; i++) {
            now = now.plusMillis(1);
            throttle.failed("10.0.1." + i);
        }
        assertThat(throttle.tracked()).isLessThanOrEqualTo(10);
    }

    @Test
    void zeroTurnsItOff() {
        XtreamLoginThrottle throttle = throttle(0, 10);
        for (int i = 0; i < 100; i++) {
            throttle.failed("10.0.0.1");
        }
        assertThat(throttle.retryAfter("10.0.0.1")).isZero();
    }
}
