package org.polyplex.camera.model;

/**
 * What it takes to connect to one camera, held in memory for the data plane and the monitor (no
 * database or key file access on an event loop). The password is plain here: never log this record
 * except through {@link #toString}, which masks it.
 *
 * @param url the stream URL without user info
 * @param snapshotUrl an http(s) URL without user info, or null
 */
public record CameraTarget(long id, String name, String url, Transport transport, String username, String password,
        String snapshotUrl) {

    /** The stream URL with the credentials, for the ffmpeg that connects; never logged. */
    public String connectUrl() {
        return CameraUrls.withCredentials(url, username, password);
    }

    @Override
    public String toString() {
        return "CameraTarget[" + id + ", " + url + ", user=" + username + ", password="
                + (password == null ? "none" : "***") + "]";
    }
}
