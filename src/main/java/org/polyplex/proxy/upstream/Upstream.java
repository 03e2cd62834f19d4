package org.polyplex.proxy.upstream;

/**
 * One connection to one channel source that produces MPEG-TS bytes. Implementations (HTTP TS
 * now; AceStream and HLS later) are opened and closed on the owning session's context and call
 * their listener on that context only.
 */
public interface Upstream {

    /** Starts connecting; the listener hears of data or of the one failure that ends it. */
    void open(UpstreamListener listener);

    /** Stops reading and releases the connection; no listener call follows. Idempotent. */
    void close();
}
