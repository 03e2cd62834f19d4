package org.polyplex.ingest.api;

import java.time.Instant;

import org.polyplex.ingest.keys.NewKey;

/** The answer to a key creation: the only time {@code key} is ever shown. */
public record CreatedKeyView(long id, String key, String label, Instant createdAt) {

    static CreatedKeyView of(NewKey k) {
        return new CreatedKeyView(k.id(), k.key(), k.label(), k.createdAt());
    }

    @Override
    public String toString() {
        return "CreatedKeyView[id=" + id + "]";
    }
}
