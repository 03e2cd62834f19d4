package org.polyplex.ingest.link;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The live MPEG-TS of every stream being published, for the channel sessions that play it (through
 * {@link IngestKind}): the media backend of a live publish {@link #open}s its stream's feed and
 * hands it the packager's TS output; each session playing the linked channel subscribes. One feed
 * per stream: a new publish of the stream ends the previous feed, whose sessions fail over and
 * subscribe again. Thread-safe.
 */
@ApplicationScoped
public class IngestFeeds {

    private final ConcurrentMap<Long, IngestFeed> feeds = new ConcurrentHashMap<>();
    private final int maxInflightBytes;

    IngestFeeds(IngestLinkConfig config) {
        this.maxInflightBytes = config.maxInflightBytes();
    }

    /** Starts the stream's feed, ending the one before it if any. */
    public IngestFeed open(long streamId) {
        IngestFeed feed = new IngestFeed(streamId, maxInflightBytes, this::forget);
        IngestFeed previous = feeds.put(streamId, feed);
        if (previous != null) {
            previous.end("the stream was published again");
        }
        return feed;
    }

    /** The stream's live feed, when it is published now. */
    public Optional<IngestFeed> feed(long streamId) {
        return Optional.ofNullable(feeds.get(streamId));
    }

    private void forget(IngestFeed feed) {
        feeds.remove(feed.streamId(), feed);
    }
}
