package org.polyplex.proxy;

import java.time.Instant;

import io.vertx.core.http.HttpServerResponse;

/**
 * One viewer's connection to a channel session. Identity fields are immutable; the cursor and
 * counters are touched on the owning session's context only, so they need no synchronisation.
 */
public final class Viewer extends ViewerIdentity {

    final HttpServerResponse response;

    /** Next ring sequence to write, or -1 while waiting for a keyframe chunk. */
    long cursor = -1;
    long bytesOut;
    /** System.nanoTime() when the socket stopped taking data, or 0 when it is not stalled. */
    long stalledSince;
    /** Why the viewer was ended, or null while it is live. */
    String endReason;

    /**
     * @param onGone runs once when the viewer leaves, however it leaves (connection-limit release)
     */
    public Viewer(long id, HttpServerResponse response, long userId, String username, String address, long channelId,
            Instant since, Runnable onGone) {
        super(id, userId, username, address, channelId, since, onGone);
        this.response = response;
    }

    boolean ended() {
        return endReason != null;
    }
}
