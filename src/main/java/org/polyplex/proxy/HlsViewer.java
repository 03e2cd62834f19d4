package org.polyplex.proxy;

import java.time.Instant;

/**
 * One HLS viewer of a channel: not a connection but a token its player presents with every
 * playlist and segment request. It stays counted while those requests keep coming (the activity
 * window); {@link #touch} is called from any event loop, everything else on the session's context.
 */
public final class HlsViewer {

    final long id;
    final String token;
    final long userId;
    final String username;
    final String address;
    final long channelId;
    final Instant since;
    private final Runnable onGone;
    private volatile long lastSeenNanos;
    long bytesOut;
    private volatile boolean gone;

    /**
     * @param onGone runs once when the viewer leaves, however it leaves (connection-limit release)
     */
    public HlsViewer(long id, String token, long userId, String username, String address, long channelId,
            Instant since, long nowNanos, Runnable onGone) {
        this.id = id;
        this.token = token;
        this.userId = userId;
        this.username = username;
        this.address = address;
        this.channelId = channelId;
        this.since = since;
        this.lastSeenNanos = nowNanos;
        this.onGone = onGone;
    }

    public String token() {
        return token;
    }

    /** Records a request of this viewer: it stays active for another window. */
    void touch(long nowNanos) {
        lastSeenNanos = nowNanos;
    }

    boolean idle(long nowNanos, long windowNanos) {
        return nowNanos - lastSeenNanos > windowNanos;
    }

    /** Marks the viewer gone; true the first time only. */
    boolean markGone() {
        if (gone) {
            return false;
        }
        gone = true;
        onGone.run();
        return true;
    }

    boolean isGone() {
        return gone;
    }
}
