package org.polyplex.proxy.session;

/**
 * An internal consumer of a channel session (the archive recorder, a profile's transcoder). It keeps
 * the session open as a viewer would, but it is not a viewer: no connection, no lease, not in the
 * viewer counts.
 */
public interface SessionTap {

    /** Detaches; idempotent, from any thread. The session then lingers or closes if nothing else holds it. */
    void close();
}
