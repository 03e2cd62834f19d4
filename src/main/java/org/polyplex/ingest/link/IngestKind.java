package org.polyplex.ingest.link;

import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.catalog.model.IngestSources;
import org.polyplex.proxy.upstream.api.Upstream;
import org.polyplex.proxy.upstream.api.UpstreamKind;

import io.vertx.core.Vertx;

/**
 * Plays {@code ingest://stream/<id>} sources: a channel linked to a published stream reads that
 * stream's live TS from {@link IngestFeeds}, in the same fan-out session, limits and accounting
 * as any other channel. Contributed to the proxy's upstream factory as a bean.
 */
@ApplicationScoped
public class IngestKind implements UpstreamKind {

    private final IngestFeeds feeds;
    private final Vertx vertx;

    IngestKind(IngestFeeds feeds, Vertx vertx) {
        this.feeds = feeds;
        this.vertx = vertx;
    }

    /**
     * Only while the stream is published: an offline stream is a source this node cannot play now,
     * so a viewer of a channel with no other source is refused at once ({@code 503
     * no_playable_source}, or the channel-offline slate) rather than kept waiting, a channel with
     * other sources plays them, and the source's backoff and circuit breaker never count the time
     * the broadcaster was simply not live. A session whose publish ended retries the source and
     * plays the next publish if it starts within the proxy's keepalive bound.
     */
    @Override
    public boolean supports(String url) {
        OptionalLong streamId = IngestSources.streamId(url);
        return streamId.isPresent() && feeds.feed(streamId.getAsLong()).isPresent();
    }

    @Override
    public Upstream create(String url) {
        OptionalLong streamId = IngestSources.streamId(url);
        if (streamId.isEmpty()) {
            throw new IllegalArgumentException("not an ingest source");
        } // published or not: a publish that ended since supports() is the upstream's failure
        return new IngestUpstream(feeds, vertx, streamId.getAsLong());
    }
}
