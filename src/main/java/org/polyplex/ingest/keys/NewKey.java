package org.polyplex.ingest.keys;

import java.time.Instant;

/**
 * A key just created: the only value that ever holds the key itself, answered once to the admin
 * who asked. {@link #toString()} leaves the key out.
 */
public record NewKey(long id, long streamId, String key, String label, Instant createdAt) {

    @Override
    public String toString() {
        return "NewKey[id=" + id + ", streamId=" + streamId + "]";
    }
}
