package org.polyplex.ingest.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FailureLimiterTest {

    private static final long MINUTE = 60_000_000_000L;

    @Test
    void shouldLimitAnAddressAfterMaxFailuresUntilItsWindowPasses() {
        FailureLimiter limiter = new FailureLimiter(3, MINUTE, 100);
        long t0 = 1_000;
        assertThat(limiter.limited("a", t0)).isFalse();
        assertThat(limiter.failed("a", t0)).isFalse();
        assertThat(limiter.failed("a", t0 + 1)).isFalse();
        assertThat(limiter.limited("a", t0 + 2)).isFalse();
        assertThat(limiter.failed("a", t0 + 2)).isTrue();
        assertThat(limiter.limited("a", t0 + 3)).isTrue();
        assertThat(limiter.limited("b", t0 + 3)).isFalse();
        assertThat(limiter.limited("a", t0 + MINUTE - 1)).isTrue();
        assertThat(limiter.limited("a", t0 + MINUTE)).isFalse();
        // a new window starts afresh
        assertThat(limiter.failed("a", t0 + MINUTE)).isFalse();
    }

    @Test
    void shouldCountFailuresInAWindowThatStartsAtTheFirst() {
        FailureLimiter limiter = new FailureLimiter(2, MINUTE, 100);
        limiter.failed("a", 0);
        // the second failure comes after the first one's window: it opens a new window
        assertThat(limiter.failed("a", MINUTE + 5)).isFalse();
        assertThat(limiter.failed("a", MINUTE + 6)).isTrue();
    }

    @Test
    void shouldForgetTheLeastRecentlySeenAddressWhenFull() {
        FailureLimiter limiter = new FailureLimiter(1, MINUTE, 3);
        limiter.failed("old", 0);
        limiter.failed("b", 1);
        limiter.failed("c", 2);
        assertThat(limiter.limited("b", 3)).isTrue(); // b is now more recent than old
        limiter.failed("d", 4);
        assertThat(limiter.size()).isEqualTo(3);
        assertThat(limiter.limited("old", 5)).isFalse();
        assertThat(limiter.limited("b", 5)).isTrue();
        assertThat(limiter.limited("d", 5)).isTrue();
        for (int i = 0; i < 10_000; i++) {
            limiter.failed("flood-" + i, 6);
        }
        assertThat(limiter.size()).isEqualTo(3);
    }

    @Test
    void shouldRefuseNonsenseLimits() {
        assertThatThrownBy(() -> new FailureLimiter(0, MINUTE, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FailureLimiter(1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FailureLimiter(1, MINUTE, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
