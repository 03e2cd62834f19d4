package org.polyplex.proxy.viewer;

/**
 * How a route answers a viewer's admission, given with the join: the session decides, the route
 * shapes the HTTP answer (status, headers, body). Called once, on the session's context, before
 * any stream byte reaches the viewer.
 */
public interface Admission {

    /** Admitted: write the stream head now (TS), or send the player to its token URL (HLS). */
    void admitted();

    /**
     * Refused for lack of room; the viewer was already released. {@code code} is a short fixed word
     * (a metrics label), {@code message} is for the player.
     */
    void refused(String code, String message);
}
