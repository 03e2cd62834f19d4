package org.polyplex.restream.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    @Test
    void shouldDoubleFromTwoSecondsUpToSixty() {
        RetrySchedule s = new RetrySchedule(Duration.ofSeconds(2), Duration.ofSeconds(60), 10);
        assertThat(IntStream.rangeClosed(1, 8).mapToObj(s::delay).map(Duration::toSeconds).toList())
                .containsExactly(2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
        assertThat(s.delay(10_000)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void shouldBeExhaustedAfterTheBoundedAttempts() {
        RetrySchedule s = new RetrySchedule(Duration.ofSeconds(2), Duration.ofSeconds(60), 3);
        assertThat(s.exhausted(2)).isFalse();
        assertThat(s.exhausted(3)).isTrue();
    }

    @Test
    void shouldRefuseNonsense() {
        assertThatThrownBy(() -> new RetrySchedule(Duration.ZERO, Duration.ofSeconds(1), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofSeconds(2), Duration.ofSeconds(1), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
