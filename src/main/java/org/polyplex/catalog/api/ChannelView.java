package org.polyplex.catalog.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.polyplex.catalog.model.Channel;
import org.polyplex.catalog.model.SourceHeaders;

/** A channel as the admin API shows it, sources in failover order, with its archive window in days. */
public record ChannelView(long id, String name, Integer number, Long categoryId, String logoUrl, String epgId,
        boolean enabled, List<SourceView> sources, int archiveDays, Instant createdAt, Instant updatedAt) {

    /** One upstream of the channel, with the HTTP headers its requests carry. */
    public record SourceView(long id, String url, int priority, Integer maxConnections, Map<String, String> headers) {
    }

    static ChannelView of(Channel c) {
        return new ChannelView(c.id, c.name, c.number, c.categoryId, c.logoUrl, c.epgId, c.enabled,
                c.sources.stream().map(s -> new SourceView(s.id, s.url, s.priority, s.maxConnections,
                        SourceHeaders.fromJson(s.headers))).toList(),
                c.archiveDays, c.createdAt, c.updatedAt);
    }
}
