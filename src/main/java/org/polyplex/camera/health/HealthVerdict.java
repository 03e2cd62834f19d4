package org.polyplex.camera.health;

import java.time.Duration;
import java.time.Instant;

import org.polyplex.platform.logging.Redaction;

/**
 * Turns a probe's outcome into the camera's health: online when OPTIONS and DESCRIBE succeed within
 * the slow bound; degraded when they succeed slowly, or when the camera answers OPTIONS but cannot
 * describe its stream (a 404 path, a 5xx busy encoder); offline when it cannot be reached, does not
 * answer in time, answers something that is not RTSP, or refuses the credentials. Pure.
 */
public final class HealthVerdict {

    private static final int MAX_ERROR = 300;

    private HealthVerdict() {
    }

    public static CameraHealth of(ProbeOutcome outcome, Duration slow, Instant now, Instant previouslySeen) {
        long ms = outcome.elapsed().toMillis();
        if (outcome.ok()) {
            boolean isSlow = outcome.elapsed().compareTo(slow) > 0;
            return new CameraHealth(isSlow ? CameraHealth.State.DEGRADED : CameraHealth.State.ONLINE,
                    isSlow ? "slow: the camera answered in " + ms + " ms (over " + slow.toMillis() + " ms)" : null, now,
                    now, ms);
        }
        String error = Redaction.line(outcome.error(), MAX_ERROR);
        return switch (outcome.failedAt()) {
            case DESCRIBE -> new CameraHealth(CameraHealth.State.DEGRADED, error, now, now, ms);
            case AUTH -> new CameraHealth(CameraHealth.State.OFFLINE, error, now, now, ms);
            case CONNECT, OPTIONS, TIMEOUT -> new CameraHealth(CameraHealth.State.OFFLINE, error, previouslySeen, now, ms);
        };
    }
}
