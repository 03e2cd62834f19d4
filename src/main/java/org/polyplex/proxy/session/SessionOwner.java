package org.polyplex.proxy.session;

import org.polyplex.proxy.viewer.ViewerIdentity;

/**
 * What a session needs from whoever keeps it (the {@link SessionRegistry}), instead of a reference
 * to all of it. Called on the session's context.
 */
interface SessionOwner {

    /** A viewer of the session left, or was refused: forget its id and its HLS token. */
    void viewerLeft(ViewerIdentity viewer);

    /** The session closed: forget it, so that a join that arrives now makes a new one. */
    void sessionEnded(ChannelSession session);
}
