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

    @Override
    public boolean supports(String url) {
        return IngestSources.streamId(url).isPresent();
    }

    @Override
    public Upstream create(String url) {
        OptionalLong streamId = IngestSources.streamId(url);
        if (streamId.isEmpty()) {
            throw new IllegalArgumentException("not an ingest source");
        }
        return new IngestUpstream(feeds, vertx, streamId.getAsLong());
    }
}
