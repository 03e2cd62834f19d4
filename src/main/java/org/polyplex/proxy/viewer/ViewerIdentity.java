package org.polyplex.proxy.viewer;

import java.time.Instant;

/**
 * Who a viewer is, for either kind of viewer (a TS connection, an HLS token): immutable identity
 * and the one-time departure that releases its connection lease.
 */
public abstract sealed class ViewerIdentity permits Viewer, HlsViewer {

    final long id;
    final long userId;
    final String username;
    final String address;
    final long channelId;
    /** The connection slot this viewer counts in (the id of the viewer that opened it). */
    final long slot;
    final Instant since;
    private final Runnable onGone;
    private volatile boolean gone;

    /**
     * @param slot the connection slot it shares with the user's other viewers of this channel and
     *        address: the id of the viewer that opened the slot
     * @param onGone runs once when the viewer leaves, however it leaves (connection-limit release)
     */
    ViewerIdentity(long id, long userId, String username, String address, long channelId, long slot, Instant since,
            Runnable onGone) {
        this.id = id;
        this.userId = userId;
        this.username = username;
        this.address = address;
        this.channelId = channelId;
        this.slot = slot;
        this.since = since;
        this.onGone = onGone;
    }

    public long id() {
        return id;
    }

    public long channelId() {
        return channelId;
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
