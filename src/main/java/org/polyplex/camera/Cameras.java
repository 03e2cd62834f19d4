package org.polyplex.camera;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.camera.health.CameraHealth;
import org.polyplex.camera.health.HealthBoard;
import org.polyplex.camera.health.HealthMonitor;
import org.polyplex.camera.model.CameraTarget;
import org.polyplex.camera.snapshot.SnapshotFailure;
import org.polyplex.camera.snapshot.Snapshots;
import org.polyplex.platform.web.ApiException;

/**
 * The live side of cameras for the API: health, probes and snapshots, read from the in-memory
 * {@link CameraDirectory} (no database, no blocking).
 */
@ApplicationScoped
public class Cameras {

    private final CameraDirectory directory;
    private final HealthBoard board;
    private final HealthMonitor monitor;
    private final Snapshots snapshots;

    Cameras(CameraDirectory directory, HealthBoard board, HealthMonitor monitor, Snapshots snapshots) {
        this.directory = directory;
        this.board = board;
        this.monitor = monitor;
        this.snapshots = snapshots;
    }

    public CameraHealth health(long id) {
        return board.of(id);
    }

    /** Probes a new or changed camera in the background. */
    public void probeSoon(long id) {
        directory.target(id).ifPresent(monitor::probeNow);
    }

    public CompletionStage<CameraHealth> probeNow(long id) {
        return monitor.probeNow(target(id));
    }

    /** The camera's JPEG; a 502 or 504 problem when it cannot give one. */
    public CompletionStage<byte[]> snapshot(long id) {
        return snapshots.of(target(id)).exceptionally(e -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof SnapshotFailure f) {
                throw f.timeout() ? new ApiException(504, "snapshot_timeout", f.getMessage(), null)
                        : new ApiException(502, "snapshot_failed", f.getMessage(), null);
            }
            throw new ApiException(502, "snapshot_failed", "the camera gave no snapshot", null);
        });
    }

    public void forget(long id) {
        board.forget(id);
        snapshots.forget(id);
    }

    private CameraTarget target(long id) {
        return directory.target(id).orElseThrow(() -> ApiException.notFound("camera", id));
    }
}
