package org.polyplex.ingest.link;

import java.util.Optional;

import org.polyplex.proxy.upstream.api.Upstream;
import org.polyplex.proxy.upstream.api.UpstreamListener;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * A channel session's source that is a published stream: it subscribes to the stream's feed when
 * opened, or fails at once when the stream is not published now (the session tries its next source
 * or its fallback slate, and comes back within its backoff). The end of the publish is its failure.
 * Opened and closed on the session's context.
 */
final class IngestUpstream implements Upstream {

    private final IngestFeeds feeds;
    private final Vertx vertx;
    private final long streamId;
    private IngestFeed.Subscription subscription;
    private boolean closed;

    IngestUpstream(IngestFeeds feeds, Vertx vertx, long streamId) {
        this.feeds = feeds;
        this.vertx = vertx;
        this.streamId = streamId;
    }

    @Override
    public void open(UpstreamListener listener) {
        Context context = vertx.getOrCreateContext();
        Optional<IngestFeed> feed = feeds.feed(streamId);
        if (feed.isEmpty()) {
            context.runOnContext(v -> {
                if (!closed) {
                    listener.onFailure("stream " + streamId + " is not being published");
                }
            });
            return;
        }
        subscription = feed.get().subscribe(context, listener);
    }

    @Override
    public void close() {
        closed = true;
        if (subscription != null) {
            subscription.close();
        }
    }
}
