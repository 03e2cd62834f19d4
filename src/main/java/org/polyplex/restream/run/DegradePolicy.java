package org.polyplex.restream.run;

import java.time.Duration;

/**
 * When one encoded destination steps its profile down or back up. Fed once a second with the
 * destination's ffmpeg speed (NaN while it is not live) and the machine's CPU use: a step down
 * when either has stayed past its bound for {@code after}, a step up when both have stayed calm
 * for {@code recoverAfter}. Every step, and every spell off the air, starts the clocks again, so
 * one overload gives one step, and the restarted ffmpeg is judged on its own figures. Not
 * thread-safe: the control thread owns it.
 */
public final class DegradePolicy {

    /** What to do now; {@code reason} says why, for the status and the log. */
    record Decision(Step step, String reason) {
        static final Decision HOLD = new Decision(Step.HOLD, null);
    }

    enum Step {
        HOLD,
        DOWN,
        UP
    }

    /** The bounds, in the config's units: CPU 0 to 1, speed as ffmpeg reports it. */
    public record Bounds(double maxCpu, double minSpeed, Duration after, double recoverCpu, Duration recoverAfter) {
    }

    private final Bounds bounds;
    private long slowSince = -1;
    private long hotSince = -1;
    private long calmSince = -1;

    DegradePolicy(Bounds bounds) {
        this.bounds = bounds;
    }

    /**
     * @param canDown whether a lower profile exists
     * @param canUp whether the destination runs below its configured profile
     */
    Decision tick(long nowNanos, double speed, double cpu, boolean canDown, boolean canUp) {
        if (Double.isNaN(speed)) {
            reset();
            return Decision.HOLD;
        }
        boolean slow = speed < bounds.minSpeed();
        boolean hot = cpu >= bounds.maxCpu();
        boolean calm = !slow && (Double.isNaN(cpu) || cpu < bounds.recoverCpu());
        slowSince = since(slow, slowSince, nowNanos);
        hotSince = since(hot, hotSince, nowNanos);
        calmSince = since(calm, calmSince, nowNanos);
        long after = bounds.after().toNanos();
        if (canDown && slow && nowNanos - slowSince >= after) {
            reset();
            return new Decision(Step.DOWN, String.format("speed %.2fx below %.2fx for %d s", speed, bounds.minSpeed(),
                    bounds.after().toSeconds()));
        }
        if (canDown && hot && nowNanos - hotSince >= after) {
            reset();
            return new Decision(Step.DOWN, String.format("machine CPU %.0f %% at or above %.0f %% for %d s", 100 * cpu,
                    100 * bounds.maxCpu(), bounds.after().toSeconds()));
        }
        if (canUp && calm && nowNanos - calmSince >= bounds.recoverAfter().toNanos()) {
            reset();
            return new Decision(Step.UP, String.format("machine CPU %.0f %% and speed %.2fx calm for %d s", 100 * cpu,
                    speed, bounds.recoverAfter().toSeconds()));
        }
        return Decision.HOLD;
    }

    private static long since(boolean now, long since, long nowNanos) {
        if (!now) {
            return -1;
        }
        return since < 0 ? nowNanos : since;
    }

    void reset() {
        slowSince = -1;
        hotSince = -1;
        calmSince = -1;
    }
}
