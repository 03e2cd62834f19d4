package org.polyplex.catalog.api;

import java.time.Instant;
import java.util.List;

import org.polyplex.catalog.model.Channel;

/** A channel as the admin API shows it, sources in failover order. */
public record ChannelView(long id, String name, Integer number, Long categoryId, String logoUrl, String epgId,
        boolean enabled, List<SourceView> sources, Instant createdAt, Instant updatedAt) {

    /** One upstream of the channel. */
    public record SourceView(long id, String url, int priority, Integer maxConnections) {
    }

    static ChannelView of(Channel c) {
        return new ChannelView(c.id, c.name, c.number, c.categoryId, c.logoUrl, c.epgId, c.enabled,
                c.sources.stream().map(s -> new SourceView(s.id, s.url, s.priority, s.maxConnections)).toList(),
                c.createdAt, c.updatedAt);
    }
}
