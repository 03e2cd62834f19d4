package org.polyplex.ingest.api;

import java.time.Instant;

import org.polyplex.ingest.streams.Stream;
import org.polyplex.ingest.streams.Visibility;

/** A stream as the admin API shows it; the publishing URL is {@code rtmp://HOST:1935/live/<key>}. */
public record StreamView(long id, String name, Visibility visibility, Long channelId, boolean allowTakeover,
        Instant createdAt, Instant updatedAt) {

    static StreamView of(Stream s) {
        return new StreamView(s.id, s.name, s.visibility, s.channelId, s.allowTakeover, s.createdAt, s.updatedAt);
    }
}
