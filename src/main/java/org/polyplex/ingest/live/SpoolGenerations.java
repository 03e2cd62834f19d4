package org.polyplex.ingest.live;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.ingest.generation.Generations;
import org.polyplex.ingest.media.GenerationKey;
import org.polyplex.ingest.media.OpenGenerations;

/** Tells spool retention which generations are still open, so their files stay. */
@ApplicationScoped
class SpoolGenerations implements OpenGenerations {

    private final Generations generations;

    SpoolGenerations(Generations generations) {
        this.generations = generations;
    }

    @Override
    public Set<GenerationKey> open() {
        return generations.open().stream().map(g -> new GenerationKey(g.streamId, g.id)).collect(Collectors.toSet());
    }
}
