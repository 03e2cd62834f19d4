package org.polyplex.ingest.stats;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.polyplex.ingest.generation.Generation;
import org.polyplex.ingest.generation.Generations;
import org.polyplex.ingest.streams.Stream;

/** Reads the streams with an open generation and their linked channels. Blocking: worker threads. */
@ApplicationScoped
class OpenStreams {

    private final Generations generations;

    OpenStreams(Generations generations) {
        this.generations = generations;
    }

    /** At most {@code max} of them, oldest generation first. */
    @Transactional
    List<OpenStream> list(int max) {
        return generations.open().stream().limit(max).map(OpenStreams::of).toList();
    }

    private static OpenStream of(Generation g) {
        Stream s = Stream.findById(g.streamId);
        return new OpenStream(g.streamId, g.id, g.state.wire(), s == null ? null : s.channelId);
    }
}
