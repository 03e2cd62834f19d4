package org.polyplex.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.polyplex.proxy.config.ProxyConfig;

import org.junit.jupiter.api.Test;

class ConnectionLimiterTest {

    private long now = 1_000_000_000L;

    @Test
    void refusesOverTheLimitAndCountsAcrossChannels() {
        ConnectionLimiter limiter = new ConnectionLimiter(ProxyConfig.LimitPolicy.REFUSE, Duration.ofSeconds(10), () -> now);
        assertThat(limiter.admit(1, 2, 10, "a", 100).admitted()).isTrue();
        assertThat(limiter.admit(1, 2, 11, "a", 101).admitted()).isTrue();
        ConnectionLimiter.Decision third = limiter.admit(1, 2, 12, "b", 102);
        assertThat(third.admitted()).isFalse();
        assertThat(third.reason()).isEqualTo("maximum connections reached (2)");
        limiter.release(1, 100);
        assertThat(limiter.admit(1, 2, 12, "b", 103).admitted()).isTrue();
        assertThat(limiter.admit(2, 0, 12, "b", 104).admitted()).as("0 means unlimited").isTrue();
    }

    @Test
    void sameUserChannelAndAddressWithinTheWindowReplaces() {
        ConnectionLimiter limiter = new ConnectionLimiter(ProxyConfig.LimitPolicy.REFUSE, Duration.ofSeconds(10), () -> now);
        limiter.admit(1, 1, 10, "a", 100);
        ConnectionLimiter.Decision again = limiter.admit(1, 1, 10, "a", 101);
        assertThat(again.admitted()).isTrue();
        assertThat(again.replaced().viewerId()).isEqualTo(100);
        assertThat(limiter.count(1)).isEqualTo(1);
        now += Duration.ofSeconds(11).toNanos();
        assertThat(limiter.admit(1, 1, 10, "a", 102).admitted()).as("outside the window it counts").isFalse();
        assertThat(limiter.admit(1, 1, 10, "other", 103).admitted()).isFalse();
    }

    @Test
    void replaceOldestPolicy() {
        ConnectionLimiter limiter = new ConnectionLimiter(ProxyConfig.LimitPolicy.REPLACE_OLDEST, Duration.ZERO, () -> now);
        limiter.admit(1, 2, 10, "a", 100);
        now++;
        limiter.admit(1, 2, 11, "a", 101);
        ConnectionLimiter.Decision third = limiter.admit(1, 2, 12, "a", 102);
        assertThat(third.admitted()).isTrue();
        assertThat(third.replaced().viewerId()).isEqualTo(100);
        assertThat(limiter.count(1)).isEqualTo(2);
        limiter.release(1, 100);
        assertThat(limiter.count(1)).as("releasing a replaced lease is a no-op").isEqualTo(2);
    }

    @Test
    void hlsViewersCountAndAZapFromTheSameAddressReplacesThem() {
        ConnectionLimiter limiter = new ConnectionLimiter(ProxyConfig.LimitPolicy.REFUSE, Duration.ofSeconds(10), () -> now);
        assertThat(limiter.admit(1, 1, 10, "home", 100, true).admitted()).isTrue();
        now += Duration.ofSeconds(30).toNanos();
        assertThat(limiter.admit(1, 1, 11, "elsewhere", 101, true).admitted()).as("an HLS viewer counts").isFalse();
        assertThat(limiter.admit(1, 1, 11, "elsewhere", 102, false).admitted()).isFalse();
        ConnectionLimiter.Decision zap = limiter.admit(1, 1, 11, "home", 103, true);
        assertThat(zap.admitted()).isTrue();
        assertThat(zap.replaced().viewerId()).as("the same player moved to another channel").isEqualTo(100);
        ConnectionLimiter.Decision tsAfterHls = limiter.admit(1, 1, 12, "home", 104, false);
        assertThat(tsAfterHls.replaced().viewerId()).isEqualTo(103);
        assertThat(limiter.admit(1, 1, 13, "home", 105, true).admitted()).as("a TS connection is not replaced")
                .isFalse();
        assertThat(limiter.count(1)).isEqualTo(1);
    }
}
