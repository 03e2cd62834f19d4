package org.polyplex.ingest.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StatsUnitTest {

    private static final Instant T = Instant.parse("2026-12-03T07:00:00Z");
    private static final Duration PERIOD = Duration.ofSeconds(5);
    private static final Duration TARGET = Duration.ofSeconds(2);

    @Test
    void verdictIsHealthyUpToOneAndAHalfTargetDurations() {
        assertThat(Health.of(T, T, PERIOD, Duration.ofMillis(3000), TARGET)).isEqualTo(Health.HEALTHY);
        assertThat(Health.of(T, T, PERIOD, Duration.ofMillis(3001), TARGET)).isEqualTo(Health.DEGRADED);
        assertThat(Health.of(T, T, PERIOD, null, TARGET)).isEqualTo(Health.DEGRADED);
    }

    @Test
    void verdictIsStaleOnceTheSampleIsOlderThanThreePeriods() {
        assertThat(Health.of(T.plusSeconds(15), T, PERIOD, Duration.ZERO, TARGET)).isEqualTo(Health.HEALTHY);
        assertThat(Health.of(T.plusMillis(15_001), T, PERIOD, Duration.ZERO, TARGET)).isEqualTo(Health.STALE);
        assertThat(Health.of(T.plusSeconds(60), T, PERIOD, null, TARGET)).isEqualTo(Health.STALE);
        assertThat(Health.STALE.wire()).isEqualTo("stale");
    }

    @Test
    void ringKeepsTheNewestInOrder() {
        SampleRing<Integer> ring = new SampleRing<>(3);
        assertThat(ring.list()).isEmpty();
        assertThat(ring.last()).isNull();
        ring.add(1);
        ring.add(2);
        assertThat(ring.list()).containsExactly(1, 2);
        ring.add(3);
        ring.add(4);
        ring.add(5);
        assertThat(ring.list()).containsExactly(3, 4, 5);
        assertThat(ring.last()).isEqualTo(5);
        assertThatThrownBy(() -> new SampleRing<>(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void egressRateCountsBytesSentBetweenSamples() {
        EgressRate rate = new EgressRate();
        long s = 1_000_000_000L;
        assertThat(rate.sample(Map.of(1L, 10_000L), 0)).isZero(); // first sample: no interval yet
        // viewer 1 sent 125000 bytes in a second (1000 kbps), viewer 2 joined and sent 62500
        assertThat(rate.sample(Map.of(1L, 135_000L, 2L, 62_500L), s)).isEqualTo(1500);
        // viewer 1 left; viewer 2 sent 125000 over 2 s
        assertThat(rate.sample(Map.of(2L, 187_500L), 3 * s)).isEqualTo(500);
        // a counter that went down counts from zero
        assertThat(rate.sample(Map.of(2L, 12_500L), 4 * s)).isEqualTo(100);
        assertThat(rate.sample(Map.of(), 5 * s)).isZero();
        assertThat(EgressRate.kbps(1000, 0)).isZero();
    }

    @Test
    void lastUriIsTheLastSegmentLine() {
        assertThat(PlaylistProbe.lastUri("#EXTM3U\n#EXTINF:2,\nr0-1.ts\n#EXTINF:2,\nr0-2.ts\n")).isEqualTo("r0-2.ts");
        assertThat(PlaylistProbe.lastUri("#EXTM3U\n")).isNull();
    }
}
