package org.polyplex.restream.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.polyplex.restream.run.DegradePolicy.Step;

import org.junit.jupiter.api.Test;

/** Degraded mode's decisions on a fake clock: one step per sustained overload, hysteresis back up. */
class DegradePolicyTest {

    private static final long S = 1_000_000_000L;

    private final DegradePolicy policy = new DegradePolicy(
            new DegradePolicy.Bounds(0.9, 0.95, Duration.ofSeconds(10), 0.6, Duration.ofSeconds(30)));

    /** Ticks once a second from {@code from} to {@code to} (inclusive) and answers the last decision. */
    private DegradePolicy.Decision run(long from, long to, double speed, double cpu, boolean canDown, boolean canUp) {
        DegradePolicy.Decision d = DegradePolicy.Decision.HOLD;
        for (long t = from; t <= to; t++) {
            d = policy.tick(t * S, speed, cpu, canDown, canUp);
            if (d.step() != Step.HOLD) {
                return d;
            }
        }
        return d;
    }

    @Test
    void aDestinationBehindRealTimeStepsDownOnceAfterTheSpell() {
        assertThat(run(0, 9, 0.8, 0.3, true, false).step()).isEqualTo(Step.HOLD);
        DegradePolicy.Decision d = policy.tick(10 * S, 0.8, 0.3, true, false);
        assertThat(d.step()).isEqualTo(Step.DOWN);
        assertThat(d.reason()).contains("speed 0.80x below 0.95x for 10 s");
        // the clocks start again: the next step needs a whole new spell
        assertThat(run(11, 20, 0.8, 0.3, true, false).step()).isEqualTo(Step.HOLD);
        assertThat(policy.tick(21 * S, 0.8, 0.3, true, false).step()).isEqualTo(Step.DOWN);
    }

    @Test
    void aBusyMachineStepsDownButNotBelowTheLadder() {
        DegradePolicy.Decision d = run(0, 10, 1.0, 0.97, true, false);
        assertThat(d.step()).isEqualTo(Step.DOWN);
        assertThat(d.reason()).contains("machine CPU 97 %");
        assertThat(run(11, 60, 1.0, 0.97, false, true).step()).as("480p: nothing lower").isEqualTo(Step.HOLD);
    }

    @Test
    void aShortSpikeOrAMomentOffTheAirStartsTheClockAgain() {
        run(0, 8, 0.5, 0.3, true, false);
        policy.tick(9 * S, 1.0, 0.3, true, false);
        assertThat(run(10, 18, 0.5, 0.3, true, false).step()).isEqualTo(Step.HOLD);
        policy.tick(19 * S, Double.NaN, 0.3, true, false);
        assertThat(run(20, 29, 0.5, 0.3, true, false).step()).isEqualTo(Step.HOLD);
        assertThat(policy.tick(30 * S, 0.5, 0.3, true, false).step()).isEqualTo(Step.DOWN);
    }

    @Test
    void itStepsBackUpOnlyAfterALongCalmBelowTheLowerCpuBound() {
        // between the bounds (70 %): neither overloaded nor calm
        assertThat(run(0, 100, 1.0, 0.7, true, true).step()).isEqualTo(Step.HOLD);
        assertThat(run(101, 130, 1.0, 0.4, true, true).step()).isEqualTo(Step.HOLD);
        DegradePolicy.Decision d = policy.tick(131 * S, 1.0, 0.4, true, true);
        assertThat(d.step()).isEqualTo(Step.UP);
        assertThat(d.reason()).contains("calm for 30 s");
        // at the configured profile there is nothing to step up to
        assertThat(run(132, 300, 1.0, 0.1, true, false).step()).isEqualTo(Step.HOLD);
    }

    @Test
    void anUnknownCpuNeitherStepsDownNorBlocksTheWayBackUp() {
        assertThat(run(0, 60, 1.0, Double.NaN, true, false).step()).isEqualTo(Step.HOLD);
        assertThat(run(61, 100, 1.0, Double.NaN, true, true).step()).isEqualTo(Step.UP);
    }
}
