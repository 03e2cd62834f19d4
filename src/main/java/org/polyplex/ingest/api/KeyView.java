package org.polyplex.ingest.api;

import java.time.Instant;

import org.polyplex.ingest.keys.StreamKey;

/** A stream key as listed: never the key, never its verifier. */
public record KeyView(long id, String label, Instant createdAt, Instant lastUsedAt) {

    static KeyView of(StreamKey k) {
        return new KeyView(k.id, k.label, k.createdAt, k.lastUsedAt);
    }
}
