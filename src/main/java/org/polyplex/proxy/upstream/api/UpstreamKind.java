package org.polyplex.proxy.upstream.api;

import java.util.Map;

/**
 * One kind of channel source this node can play (HTTP MPEG-TS, HLS, AceStream, ...): it
 * recognises its source URLs and makes an {@link Upstream} for each. The upstream factory asks
 * its kinds in order and uses the first that supports a URL, so a new kind of source is a new
 * {@code UpstreamKind} with its {@code Upstream} class, never a new branch in the session.
 * Thread-safe: sessions on any event loop ask it.
 */
public interface UpstreamKind {

    /** Whether this node can play the URL with this kind now (right scheme, enabled, well formed). */
    boolean supports(String url);

    /** A new, unopened upstream for a URL this kind {@link #supports}. */
    Upstream create(String url);

    /**
     * As {@link #create(String)}, for a source whose HTTP requests carry these headers (validated,
     * canonical names). Kinds that make no HTTP request of their own (an engine's) ignore them.
     */
    default Upstream create(String url, Map<String, String> headers) {
        return create(url);
    }
}
