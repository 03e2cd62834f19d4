package org.polyplex.proxy.session;

import java.time.Clock;
import java.util.function.LongSupplier;

import org.polyplex.proxy.config.ProxyConfig;
import org.polyplex.proxy.memory.MemoryBudget;
import org.polyplex.proxy.metrics.ProxyMetrics;
import org.polyplex.proxy.upstream.UpstreamFactory;
import org.polyplex.proxy.upstream.slate.SlateSource;

import io.vertx.core.Vertx;

/**
 * What every channel session of a node shares, handed to each one at creation: Vert.x, the
 * bounds, the meters, the clocks, the upstream factory, the source guard, the fallback slate and
 * the node's memory budget. All of it is thread-safe or immutable.
 *
 * @param nanoTime the one monotonic clock of the sessions (states, watchdogs, linger, stalls, the
 *        HLS activity window), in nanoseconds; {@code System::nanoTime} except in tests
 * @param clock wall-clock time, only to stamp the "since" the sessions API shows
 */
public record SessionEnvironment(Vertx vertx, ProxyConfig config, ProxyMetrics metrics, LongSupplier nanoTime,
        Clock clock, UpstreamFactory upstreams, SourceGuard guard, SlateSource slate, MemoryBudget memory) {

    /** A node's environment on {@code System.nanoTime}, with its guard, slate and budget made from the config. */
    public static SessionEnvironment of(Vertx vertx, ProxyConfig config, ProxyMetrics metrics, Clock clock,
            UpstreamFactory upstreams) {
        return of(vertx, config, metrics, clock, upstreams, System::nanoTime);
    }

    /** As {@link #of(Vertx, ProxyConfig, ProxyMetrics, Clock, UpstreamFactory)}, on another monotonic clock. */
    public static SessionEnvironment of(Vertx vertx, ProxyConfig config, ProxyMetrics metrics, Clock clock,
            UpstreamFactory upstreams, LongSupplier nanoTime) {
        ProxyConfig.Failover failover = config.failover();
        SourceGuard guard = new SourceGuard(failover.backoffInitial(), failover.backoffMax(), failover.breakerThreshold(),
                failover.breakerOpen(), nanoTime);
        return new SessionEnvironment(vertx, config, metrics, nanoTime, clock, upstreams, guard,
                new SlateSource(vertx, failover.fallbackSlate(), failover.slateBitrate()), MemoryBudget.of(config));
    }
}
