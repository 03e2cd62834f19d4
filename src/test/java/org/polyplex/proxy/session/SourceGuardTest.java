package org.polyplex.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class SourceGuardTest {

    private long now;
    private final SourceGuard guard = new SourceGuard(Duration.ofSeconds(1), Duration.ofSeconds(3), 3,
            Duration.ofSeconds(60), () -> now);

    @Test
    void backoffDoublesThenTheBreakerOpensAndASuccessClosesIt() {
        assertThat(guard.failed(7)).isFalse();
        assertThat(guard.healthy(7)).isFalse();
        now += Duration.ofSeconds(1).toNanos();
        assertThat(guard.healthy(7)).isTrue();
        assertThat(guard.failed(7)).isFalse();
        now += Duration.ofMillis(1999).toNanos();
        assertThat(guard.healthy(7)).isFalse();
        now += Duration.ofMillis(1).toNanos();
        assertThat(guard.healthy(7)).isTrue();
        assertThat(guard.failed(7)).as("third failure opens the breaker").isTrue();
        now += Duration.ofSeconds(59).toNanos();
        assertThat(guard.healthy(7)).isFalse();
        now += Duration.ofSeconds(1).toNanos();
        assertThat(guard.healthy(7)).isTrue();
        guard.succeeded(7);
        assertThat(guard.failures(7)).isZero();
    }

    @Test
    void capsConnectionsPerSource() {
        assertThat(guard.tryAcquire(1, 1)).isTrue();
        assertThat(guard.tryAcquire(1, 1)).isFalse();
        guard.release(1);
        assertThat(guard.tryAcquire(1, 1)).isTrue();
        assertThat(guard.tryAcquire(2, null)).isTrue();
        assertThat(guard.tryAcquire(2, null)).isTrue();
        assertThat(guard.inUse(2)).isEqualTo(2);
    }
}
