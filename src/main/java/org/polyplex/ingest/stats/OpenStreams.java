package org.polyplex.ingest.stats;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.polyplex.ingest.generation.Generation;
import org.polyplex.ingest.generation.Generations;
import org.polyplex.ingest.streams.Stream;

import io.quarkus.logging.Log;

/** Reads the streams with an open generation and their linked channels. Blocking: worker threads. */
@ApplicationScoped
class OpenStreams {

    private final Generations generations;
    private final AtomicBoolean overLogged = new AtomicBoolean();

    OpenStreams(Generations generations) {
        this.generations = generations;
    }

    /** At most {@code max} of them, oldest generation first; the rest are skipped (logged once). */
    @Transactional
    List<OpenStream> list(int max) {
        List<Generation> open = generations.open();
        if (open.size() > max && overLogged.compareAndSet(false, true)) {
            Log.warnf("stream stats sample %d of %d open generations (polyplex.ingest.stats.max-streams)", max,
                    open.size());
        }
        return open.stream().limit(max).map(OpenStreams::of).toList();
    }

    private static OpenStream of(Generation g) {
        Stream s = Stream.findById(g.streamId);
        return new OpenStream(g.streamId, g.id, g.state.wire(), s == null ? null : s.channelId);
    }
}
