package org.polyplex.proxy.upstream.api;

import java.time.Duration;

/**
 * One connection to one channel source that produces MPEG-TS bytes, made by an
 * {@link UpstreamKind} (HTTP TS, HLS, AceStream; the fallback slate is one too). Opened and closed
 * on the owning session's context; it calls its listener on that context only.
 */
public interface Upstream {

    /** Starts connecting; the listener hears of data or of the one failure that ends it. */
    void open(UpstreamListener listener);

    /** Stops reading and releases the connection; no listener call follows. Idempotent. */
    void close();

    /**
     * Extra time this kind of source may take before its first byte and keyframe, on top of the
     * proxy's bounds (an AceStream engine prebuffers before it sends anything).
     */
    default Duration startGrace() {
        return Duration.ZERO;
    }

    /**
     * Extra silence this kind of source may keep between bytes, on top of the proxy's idle bound
     * (an HLS source delivers whole segments, one per target duration).
     */
    default Duration idleGrace() {
        return Duration.ZERO;
    }
}
