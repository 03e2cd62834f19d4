package org.polyplex.proxy.upstream.api;

import io.vertx.core.buffer.Buffer;

/** What an {@link Upstream} reports, always on the owning session's context. */
public interface UpstreamListener {

    /** Raw stream bytes, in order, with no alignment promise. */
    void onData(Buffer data);

    /** The upstream failed or ended; {@code reason} is fit for logs (no credentials). */
    void onFailure(String reason);
}
