package org.polyplex.proxy;

import java.util.List;
import java.util.Optional;

import org.polyplex.catalog.CatalogSnapshot.Source;
import org.polyplex.proxy.upstream.SourceGuard;
import org.polyplex.proxy.upstream.UpstreamFactory;
import org.polyplex.proxy.upstream.api.Upstream;

/**
 * Which of a channel's sources a session tries next: round robin from the one after the last
 * pick, skipping sources this node cannot play, whose circuit breaker is open or whose connection
 * cap is reached. A pick holds one of the source's connections in the guard until the session
 * releases it. Confined to the session's context.
 */
final class SourcePicker {

    /** A source and the upstream made for it. */
    record Pick(Source source, Upstream upstream) {
    }

    private final List<Source> sources;
    private final UpstreamFactory upstreams;
    private final SourceGuard guard;
    private int next;

    SourcePicker(List<Source> sources, UpstreamFactory upstreams, SourceGuard guard) {
        this.sources = sources;
        this.upstreams = upstreams;
        this.guard = guard;
    }

    /** The next eligible source, or empty when none is eligible now. */
    Optional<Pick> next() {
        for (int n = 0; n < sources.size(); n++) {
            int index = (next + n) % sources.size();
            Source source = sources.get(index);
            if (!upstreams.supports(source.url()) || !guard.healthy(source.id())) {
                continue;
            }
            Optional<Upstream> upstream = upstreams.create(source.url());
            if (upstream.isEmpty() || !guard.tryAcquire(source.id(), source.maxConnections())) {
                continue;
            }
            next = (index + 1) % sources.size();
            return Optional.of(new Pick(source, upstream.get()));
        }
        return Optional.empty();
    }
}
