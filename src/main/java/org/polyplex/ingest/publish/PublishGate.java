package org.polyplex.ingest.publish;

import io.vertx.core.Future;

/**
 * Decides, at the RTMP {@code publish} command and before any media is accepted, whether a publish
 * may start, and where its media goes.
 */
public interface PublishGate {

    /**
     * Called on the connection's event loop; may complete later (a database look-up on a worker).
     * Completes with the sink of the publish, or fails with a {@link PublishRefusal} (any other
     * failure is answered as {@link PublishRefusal.Code#UNAUTHORIZED} without its message).
     */
    Future<PublishSink> open(PublishRequest request);
}
