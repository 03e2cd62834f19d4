package org.polyplex.console.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class TrafficHistoryTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void shouldTurnCumulativeCountersIntoRatesAndKeepTheBound() {
        TrafficHistory history = new TrafficHistory(3);
        history.add(new TrafficHistory.Sample(T0, 1, 1, 0, 0, 0, 0));
        history.add(new TrafficHistory.Sample(T0.plusSeconds(10), 2, 1, 1_000, 10_000, 1, 0));
        assertThat(history.points()).singleElement().satisfies(p -> {
            assertThat(p.viewers()).isEqualTo(2);
            assertThat(p.bitsInPerSecond()).isEqualTo(800);
            assertThat(p.bitsOutPerSecond()).isEqualTo(8_000);
        });
        history.add(new TrafficHistory.Sample(T0.plusSeconds(20), 3, 1, 2_000, 20_000, 3, 2));
        history.add(new TrafficHistory.Sample(T0.plusSeconds(30), 0, 0, 2_000, 20_000, 3, 5));
        assertThat(history.points()).hasSize(2);
        assertThat(history.points().get(1).bitsOutPerSecond()).isZero();
        assertThat(history.failovers()).as("within the kept samples").isEqualTo(2);
        assertThat(history.refusals()).isEqualTo(5);
    }

    @Test
    void shouldDrawNothingBeforeTwoSamples() {
        TrafficHistory history = new TrafficHistory(10);
        assertThat(history.points()).isEmpty();
        assertThat(history.failovers()).isZero();
        history.add(new TrafficHistory.Sample(T0, 1, 1, 5, 5, 0, 0));
        assertThat(history.points()).isEmpty();
    }
}
