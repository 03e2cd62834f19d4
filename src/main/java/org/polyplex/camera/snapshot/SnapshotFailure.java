package org.polyplex.camera.snapshot;

/**
 * A snapshot the camera could not give: {@code timeout} (a 504) or any other failure (a 502); the
 * message names what went wrong and never a credential.
 */
public final class SnapshotFailure extends RuntimeException {

    private final boolean timeout;

    SnapshotFailure(String message, boolean timeout) {
        super(message, null, false, false);
        this.timeout = timeout;
    }

    public boolean timeout() {
        return timeout;
    }
}
