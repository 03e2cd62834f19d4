package org.polyplex.proxy.viewer;

import java.time.Instant;

/**
 * One HLS viewer of a channel: not a connection but a token its player presents with every
 * playlist and segment request. It stays counted while those requests keep coming (the activity
 * window); {@link #touch} is called from any event loop, everything else on the session's context.
 * Made by {@link HlsTokens}, which issues the token.
 */
public final class HlsViewer extends ViewerIdentity {

    final String token;
    private volatile long lastSeenNanos;
    long bytesOut;

    /**
     * @param onGone runs once when the viewer leaves, however it leaves (connection-limit release)
     */
    HlsViewer(long id, String token, long userId, String username, String address, long channelId, long slot,
            Instant since, long nowNanos, Runnable onGone) {
        super(id, userId, username, address, channelId, slot, since, onGone);
        this.token = token;
        this.lastSeenNanos = nowNanos;
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
}
