package org.polyplex.proxy.metrics;

import java.util.concurrent.atomic.AtomicInteger;

import org.polyplex.proxy.memory.MemoryBudget;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Prometheus meters of the proxy. Sessions add their byte counts once per tick rather than per
 * chunk, so the hot path only bumps plain fields. Refusals, {@code memory_budget} included, are
 * counted by reason.
 */
public final class ProxyMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger viewers = new AtomicInteger();
    private final AtomicInteger sessions = new AtomicInteger();
    private final Counter bytesIn;
    private final Counter bytesOut;
    private final Counter evictions;
    private final Counter skips;
    private final Counter failovers;
    private final Counter returns;
    private final Counter upstreams;
    private final Counter hlsSegments;

    public ProxyMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("polyplex.proxy.viewers", viewers);
        registry.gauge("polyplex.proxy.sessions", sessions);
        this.bytesIn = registry.counter("polyplex.proxy.bytes.in");
        this.bytesOut = registry.counter("polyplex.proxy.bytes.out");
        this.evictions = registry.counter("polyplex.proxy.evictions");
        this.skips = registry.counter("polyplex.proxy.skips");
        this.failovers = registry.counter("polyplex.proxy.failovers");
        this.returns = registry.counter("polyplex.proxy.source.returns");
        this.upstreams = registry.counter("polyplex.proxy.upstreams.opened");
        this.hlsSegments = registry.counter("polyplex.proxy.hls.segments");
    }

    /** Shows the node's memory budget: bytes reserved now and the total. */
    public void memory(MemoryBudget budget) {
        registry.gauge("polyplex.proxy.memory.reserved.bytes", budget, MemoryBudget::used);
        registry.gauge("polyplex.proxy.memory.budget.bytes", budget, MemoryBudget::total);
    }

    public void viewerAdded() {
        viewers.incrementAndGet();
    }

    public void viewerRemoved() {
        viewers.decrementAndGet();
    }

    public void sessionOpened() {
        sessions.incrementAndGet();
    }

    public void sessionClosed() {
        sessions.decrementAndGet();
    }

    public void bytes(long in, long out) {
        if (in > 0) {
            bytesIn.increment(in);
        }
        if (out > 0) {
            bytesOut.increment(out);
        }
    }

    public void evicted() {
        evictions.increment();
    }

    public void skipped() {
        skips.increment();
    }

    public void failover() {
        failovers.increment();
    }

    /** A session went back to an earlier source of its channel after a failover. */
    public void sourceReturned() {
        returns.increment();
    }

    public double sourceReturns() {
        return returns.count();
    }

    public void upstreamOpened() {
        upstreams.increment();
    }

    public void hlsSegmentCut() {
        hlsSegments.increment();
    }

    /** A request refused before any byte; {@code reason} is a short fixed word, never user input. */
    public void refused(String reason) {
        registry.counter("polyplex.proxy.refusals", "reason", reason).increment();
    }

    /** Requests refused for this reason so far. */
    public double refusals(String reason) {
        return registry.counter("polyplex.proxy.refusals", "reason", reason).count();
    }

    public int viewers() {
        return viewers.get();
    }

    public int sessions() {
        return sessions.get();
    }

    public double upstreamsOpened() {
        return upstreams.count();
    }

    public double evictions() {
        return evictions.count();
    }

    public double skips() {
        return skips.count();
    }

    /** HLS output segments cut, over all channels; each is cut once whatever its number of viewers. */
    public double hlsSegmentsCut() {
        return hlsSegments.count();
    }

    public double failovers() {
        return failovers.count();
    }
}
