package org.polyplex.restream.run;

import java.util.function.DoubleSupplier;

import org.polyplex.restream.ffmpeg.OverlayGraph;
import org.polyplex.restream.model.Profile;

/**
 * The profile an encoded destination runs now: its own, or a step below it while degraded mode
 * holds it down (see {@link DegradePolicy}), and why. Copy destinations, and every destination
 * when degraded mode is off, never step. Stepped on the control thread; read from any thread.
 */
final class ProfileSteps {

    private final Profile profile;
    private final DegradePolicy policy;
    private volatile Profile active;
    private volatile String reason;

    /** @param policy the degraded-mode policy, or null when this destination never steps */
    ProfileSteps(Profile profile, DegradePolicy policy) {
        this.profile = profile;
        this.policy = profile.encodes() ? policy : null;
        this.active = profile;
    }

    /** Back to the destination's own profile (a new start). */
    void reset() {
        active = profile;
        reason = null;
    }

    /** The profile to run now. */
    Profile active() {
        return active;
    }

    /**
     * The overlays as the running profile draws them: placed for the destination's own profile,
     * scaled down with the picture while degraded mode holds it lower.
     */
    OverlayGraph fit(OverlayGraph overlays) {
        Profile now = active;
        if (now == profile || profile.height().isEmpty() || now.height().isEmpty()) {
            return overlays;
        }
        return overlays.scaled((double) now.height().getAsInt() / profile.height().getAsInt());
    }

    /** Why the destination runs below its profile, or null while it does not. */
    String degraded() {
        return reason;
    }

    /**
     * Control thread, once a second: steps one profile down or back up when the policy says so.
     *
     * @param speed the ffmpeg's speed while live, else NaN
     * @return what changed, for the log and the restart, or null when the profile stays
     */
    String tick(long nowNanos, double speed, DoubleSupplier cpu) {
        if (policy == null) {
            return null;
        }
        DegradePolicy.Decision d = policy.tick(nowNanos, speed, cpu.getAsDouble(), active.lower() != active,
                active != profile);
        switch (d.step()) {
            case DOWN -> {
                active = active.lower();
                reason = d.reason();
                return "steps down to " + active.wire() + ": " + d.reason();
            }
            case UP -> {
                Profile up = profile;
                while (up.lower() != active) {
                    up = up.lower();
                }
                active = up;
                if (active == profile) {
                    reason = null;
                }
                return "steps back up to " + active.wire() + ": " + d.reason();
            }
            default -> {
                return null;
            }
        }
    }
}
