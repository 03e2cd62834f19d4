package org.polyplex.camera.api;

import java.time.Instant;

import org.polyplex.camera.Camera;
import org.polyplex.camera.health.CameraHealth;

/**
 * A camera as the admin API shows it: its URLs without credentials, the username, whether a
 * password is stored (never the password), and its health as the last probe found it.
 */
public record CameraView(long id, String name, String url, String transport, String username, boolean hasPassword,
        String snapshotUrl, Long channelId, String health, String lastError, Instant lastSeen, Instant checkedAt,
        Instant createdAt, Instant updatedAt) {

    public static CameraView of(Camera c, CameraHealth h) {
        return new CameraView(c.id, c.name, c.url, c.transport.wire(), c.username, c.passwordEncrypted != null,
                c.snapshotUrl, c.channelId, h.state().wire(), h.lastError(), h.lastSeen(), h.checkedAt(), c.createdAt,
                c.updatedAt);
    }
}
