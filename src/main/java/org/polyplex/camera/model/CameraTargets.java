package org.polyplex.camera.model;

import java.util.Collection;
import java.util.Optional;

/** The cameras as they are now, in memory: what the source kind, the monitor and snapshots read. Thread-safe. */
public interface CameraTargets {

    Optional<CameraTarget> target(long id);

    Collection<CameraTarget> all();
}
