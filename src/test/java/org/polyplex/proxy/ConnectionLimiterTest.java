package org.polyplex.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.polyplex.proxy.config.ProxyConfig;

import org.junit.jupiter.api.Test;

class ConnectionLimiterTest {

    private static ConnectionLimiter refusing(int maxSharedViewers) {
        return new ConnectionLimiter(ProxyConfig.LimitPolicy.REFUSE, maxSharedViewers);
    }

    @Test
    void refusesOverTheLimitAndCountsAcrossChannels() {
        ConnectionLimiter limiter = refusing(5);
        assertThat(limiter.admit(1, 2, 10, "a", 100).admitted()).isTrue();
        assertThat(limiter.admit(1, 2, 11, "a", 101).admitted()).isTrue();
        ConnectionLimiter.Decision third = limiter.admit(1, 2, 12, "b", 102);
        assertThat(third.admitted()).isFalse();
        assertThat(third.code()).isEqualTo("max_connections");
        assertThat(third.reason()).isEqualTo("maximum connections reached (2)");
        limiter.release(1, 100);
        assertThat(limiter.admit(1, 2, 12, "b", 103).admitted()).isTrue();
        assertThat(limiter.admit(2, 0, 12, "b", 104).admitted()).as("0 means unlimited").isTrue();
    }

    @Test
    void sameUserChannelAndAddressShareOneSlotAndNobodyIsReplaced() {
        ConnectionLimiter limiter = refusing(5);
        for (long viewer = 100; viewer < 105; viewer++) {
            ConnectionLimiter.Decision shared = limiter.admit(1, 2, 10, "home", viewer);
            assertThat(shared.admitted()).as("viewer %d", viewer).isTrue();
            assertThat(shared.slot()).as("the slot the first viewer opened").isEqualTo(100);
            assertThat(shared.replaced()).as("nobody is ended").isEmpty();
        }
        assertThat(limiter.count(1)).isEqualTo(1);
        ConnectionLimiter.Decision sixth = limiter.admit(1, 2, 10, "home", 105);
        assertThat(sixth.admitted()).isFalse();
        assertThat(sixth.code()).isEqualTo("max_shared_viewers");
        assertThat(sixth.reason()).isEqualTo("maximum viewers of one channel from one address reached (5)");
        assertThat(limiter.admit(1, 2, 10, "next-door", 106).slot()).as("another address is another slot")
                .isEqualTo(106);
        assertThat(limiter.count(1)).isEqualTo(2);
        assertThat(limiter.admit(1, 2, 11, "home", 107).admitted()).as("a third slot is over the limit").isFalse();
    }

    @Test
    void aViewerThatLeftFreesItsPlaceAtOnceAndTheLastOneFreesTheSlot() {
        ConnectionLimiter limiter = refusing(2);
        limiter.admit(1, 1, 10, "home", 100);
        limiter.admit(1, 1, 10, "home", 101);
        assertThat(limiter.admit(1, 1, 10, "home", 102).admitted()).isFalse();
        limiter.release(1, 100);
        ConnectionLimiter.Decision reconnect = limiter.admit(1, 1, 10, "home", 103);
        assertThat(reconnect.admitted()).as("the reconnect takes the place its old connection left").isTrue();
        assertThat(reconnect.slot()).as("the slot keeps its name while a viewer is in it").isEqualTo(100);
        limiter.release(1, 101);
        limiter.release(1, 103);
        assertThat(limiter.count(1)).isZero();
        assertThat(limiter.admit(1, 1, 11, "elsewhere", 104).admitted()).as("the slot was freed").isTrue();
    }

    @Test
    void theCapBindsLimitedLinesOnly() {
        ConnectionLimiter limiter = refusing(1);
        assertThat(limiter.admit(1, 0, 10, "home", 100).admitted()).isTrue();
        assertThat(limiter.admit(1, 0, 10, "home", 101).admitted()).as("an unlimited line is not capped").isTrue();
        assertThat(limiter.admit(2, 3, 10, "home", 102).admitted()).isTrue();
        assertThat(limiter.admit(2, 3, 10, "home", 103).code()).isEqualTo("max_shared_viewers");
    }

    @Test
    void replaceOldestTakesOverTheOldestSlotWithAllItsViewers() {
        ConnectionLimiter limiter = new ConnectionLimiter(ProxyConfig.LimitPolicy.REPLACE_OLDEST, 5);
        limiter.admit(1, 2, 10, "a", 100);
        limiter.admit(1, 2, 10, "a", 101);
        limiter.admit(1, 2, 11, "a", 102);
        assertThat(limiter.admit(1, 2, 11, "a", 103).replaced()).as("the same channel shares, not replaces")
                .isEmpty();
        ConnectionLimiter.Decision third = limiter.admit(1, 2, 12, "a", 104);
        assertThat(third.admitted()).isTrue();
        assertThat(third.replaced()).containsExactly(100L, 101L);
        assertThat(limiter.count(1)).isEqualTo(2);
        limiter.release(1, 100);
        assertThat(limiter.count(1)).as("releasing a replaced viewer is a no-op").isEqualTo(2);
    }

    @Test
    void hlsViewersCountAndAZapFromTheSameAddressReplacesThem() {
        ConnectionLimiter limiter = refusing(5);
        assertThat(limiter.admit(1, 1, 10, "home", 100, true).admitted()).isTrue();
        assertThat(limiter.admit(1, 1, 11, "elsewhere", 101, true).admitted()).as("an HLS viewer counts").isFalse();
        assertThat(limiter.admit(1, 1, 11, "elsewhere", 102, false).admitted()).isFalse();
        ConnectionLimiter.Decision zap = limiter.admit(1, 1, 11, "home", 103, true);
        assertThat(zap.admitted()).isTrue();
        assertThat(zap.replaced()).as("the same player moved to another channel").containsExactly(100L);
        ConnectionLimiter.Decision tsAfterHls = limiter.admit(1, 1, 12, "home", 104, false);
        assertThat(tsAfterHls.replaced()).containsExactly(103L);
        assertThat(limiter.admit(1, 1, 13, "home", 105, true).admitted()).as("a TS connection is not replaced")
                .isFalse();
        assertThat(limiter.count(1)).isEqualTo(1);
    }

    @Test
    void aTsAndAnHlsPlayerOfOneHomeOnOneChannelShareTheSlot() {
        ConnectionLimiter limiter = refusing(5);
        limiter.admit(1, 1, 10, "home", 100, true);
        ConnectionLimiter.Decision ts = limiter.admit(1, 1, 10, "home", 101, false);
        assertThat(ts.admitted()).isTrue();
        assertThat(ts.slot()).isEqualTo(100);
        assertThat(limiter.count(1)).isEqualTo(1);
        assertThat(limiter.admit(1, 1, 11, "home", 102, true).admitted())
                .as("a slot with a TS viewer in it is no zapped HLS player").isFalse();
    }
}
