package org.polyplex.restream.api;

import java.time.Instant;

import org.polyplex.restream.destination.Destination;
import org.polyplex.restream.destination.DestinationUrls;
import org.polyplex.restream.destination.Preset;

/**
 * A destination as answered: never its stream key, only whether it has one. {@code url} is the
 * base URL in use (the override, else the preset's), {@code urlOverride} whether it is an override.
 */
public record DestinationView(long id, String name, Preset preset, String url, boolean urlOverride,
        boolean hasStreamKey, Instant lastUsed, Instant createdAt, Instant updatedAt) {

    static DestinationView of(Destination d) {
        return new DestinationView(d.id, d.name, d.preset, DestinationUrls.base(d.preset, d.url), d.url != null,
                d.streamKey != null, d.lastUsedAt, d.createdAt, d.updatedAt);
    }
}
