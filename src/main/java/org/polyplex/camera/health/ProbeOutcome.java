package org.polyplex.camera.health;

import java.time.Duration;

/**
 * What one probe of a camera found.
 *
 * @param failedAt where it failed, or null when both OPTIONS and DESCRIBE succeeded
 * @param error why it failed (no credentials), or null
 * @param sdp the DESCRIBE answer's session description, or null
 */
public record ProbeOutcome(Stage failedAt, String error, String sdp, Duration elapsed) {

    /** The step of the exchange a probe failed at. */
    public enum Stage {
        CONNECT,
        OPTIONS,
        DESCRIBE,
        /** The camera refused the credentials (or needs some). */
        AUTH,
        TIMEOUT
    }

    static ProbeOutcome ok(String sdp, Duration elapsed) {
        return new ProbeOutcome(null, null, sdp, elapsed);
    }

    static ProbeOutcome failed(Stage stage, String error, Duration elapsed) {
        return new ProbeOutcome(stage, error, null, elapsed);
    }

    public boolean ok() {
        return failedAt == null;
    }
}
