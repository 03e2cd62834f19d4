package org.polyplex.ingest.api;

import java.time.Instant;

import org.polyplex.ingest.generation.Generation;
import org.polyplex.ingest.generation.GenerationState;

/** A generation as the admin API shows it. */
public record GenerationView(long id, long streamId, GenerationState state, String reason, Instant startedAt,
        Instant liveAt, Instant endedAt, Instant lastPublishAt, Instant publisherGoneAt, String node) {

    static GenerationView of(Generation g) {
        return new GenerationView(g.id, g.streamId, g.state, g.reason, g.startedAt, g.liveAt, g.endedAt,
                g.lastPublishAt, g.publisherGoneAt, g.node);
    }
}
