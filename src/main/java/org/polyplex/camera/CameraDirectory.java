package org.polyplex.camera;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;

import org.polyplex.camera.model.CameraTarget;
import org.polyplex.camera.model.CameraTargets;
import org.polyplex.platform.secrets.SecretBox;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * The cameras as an immutable in-memory map (id -> {@link CameraTarget}, passwords decrypted), read
 * by the camera source kind and the health monitor on any thread. Reloaded from the database on a
 * worker thread at start-up and after every committed change.
 */
@ApplicationScoped
public class CameraDirectory implements CameraTargets {

    /** Fired (after commit) by the camera service when a camera was created, changed or deleted. */
    public record Changed() {
    }

    private final SecretBox secrets;
    private final AtomicReference<Map<Long, CameraTarget>> targets = new AtomicReference<>(Map.of());

    CameraDirectory(SecretBox secrets) {
        this.secrets = secrets;
    }

    @Override
    public Optional<CameraTarget> target(long id) {
        return Optional.ofNullable(targets.get().get(id));
    }

    @Override
    public Collection<CameraTarget> all() {
        return targets.get().values();
    }

    void onStart(@Observes StartupEvent event) {
        reload();
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) Changed event) {
        reload();
    }

    /** Reloads every camera (blocking: JDBC and the key file). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void reload() {
        Map<Long, CameraTarget> next = new HashMap<>();
        for (Camera c : Camera.all()) {
            String password = null;
            if (c.passwordEncrypted != null) {
                try {
                    password = secrets.decrypt(c.passwordEncrypted);
                } catch (IllegalStateException e) {
                    Log.warnf("camera %d: %s", c.id, e.getMessage());
                }
            }
            next.put(c.id, new CameraTarget(c.id, c.name, c.url, c.transport, c.username, password, c.snapshotUrl));
        }
        targets.set(Map.copyOf(next));
    }
}
