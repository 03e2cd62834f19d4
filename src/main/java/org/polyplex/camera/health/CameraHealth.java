package org.polyplex.camera.health;

import java.time.Instant;

/**
 * A camera's health as its last probe found it.
 *
 * @param state online, offline or degraded
 * @param lastError what the last failing or degraded probe found (redacted), or null
 * @param lastSeen when a probe last got an answer from the camera, or null
 * @param checkedAt when the last probe ended, or null when none ran yet
 * @param latencyMillis how long the last probe took
 */
public record CameraHealth(State state, String lastError, Instant lastSeen, Instant checkedAt, long latencyMillis) {

    /** What a probe concludes. */
    public enum State {
        ONLINE,
        OFFLINE,
        DEGRADED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Before the first probe: offline, and not seen. */
    public static final CameraHealth UNKNOWN = new CameraHealth(State.OFFLINE, "not probed yet", null, null, 0);
}
