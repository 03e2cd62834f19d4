package org.polyplex.proxy.session;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Node-wide bookkeeping of channel sources, shared by all sessions (hence thread-safe): how many
 * upstream connections each source has against its provider cap, and its health. A failed
 * source waits a backoff that doubles per consecutive failure up to a cap; after
 * {@code breakerThreshold} consecutive failures its circuit breaker opens for
 * {@code breakerOpen}. One success closes it again.
 */
public final class SourceGuard {

    private record Health(int failures, long retryAtNanos) {
    }

    private final ConcurrentHashMap<Long, Health> health = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Integer> inUse = new ConcurrentHashMap<>();
    private final Duration backoffInitial;
    private final Duration backoffMax;
    private final int breakerThreshold;
    private final Duration breakerOpen;
    private final LongSupplier nanoTime;

    public SourceGuard(Duration backoffInitial, Duration backoffMax, int breakerThreshold, Duration breakerOpen,
            LongSupplier nanoTime) {
        this.backoffInitial = backoffInitial;
        this.backoffMax = backoffMax;
        this.breakerThreshold = breakerThreshold;
        this.breakerOpen = breakerOpen;
        this.nanoTime = nanoTime;
    }

    /** False while the source waits out its backoff or open breaker. */
    public boolean healthy(long sourceId) {
        Health h = health.get(sourceId);
        return h == null || nanoTime.getAsLong() - h.retryAtNanos >= 0;
    }

    /** Takes one of the source's connection slots; false when it is at its cap. */
    public boolean tryAcquire(long sourceId, Integer cap) {
        if (cap == null || cap <= 0) {
            inUse.merge(sourceId, 1, Integer::sum);
            return true;
        }
        boolean[] taken = { false };
        inUse.compute(sourceId, (id, n) -> {
            int used = n == null ? 0 : n;
            if (used >= cap) {
                return n;
            }
            taken[0] = true;
            return used + 1;
        });
        return taken[0];
    }

    public void release(long sourceId) {
        inUse.computeIfPresent(sourceId, (id, n) -> n <= 1 ? null : n - 1);
    }

    public int inUse(long sourceId) {
        return inUse.getOrDefault(sourceId, 0);
    }

    /** Records a failure and returns true when it opened the breaker. */
    public boolean failed(long sourceId) {
        Health h = health.merge(sourceId, new Health(1, 0), (old, one) -> new Health(old.failures + 1, 0));
        Duration wait;
        if (h.failures >= breakerThreshold) {
            wait = breakerOpen;
        } else {
            long factor = 1L << Math.min(h.failures - 1, 20);
            wait = backoffInitial.multipliedBy(factor);
            if (wait.compareTo(backoffMax) > 0) {
                wait = backoffMax;
            }
        }
        health.put(sourceId, new Health(h.failures, nanoTime.getAsLong() + wait.toNanos()));
        return h.failures == breakerThreshold;
    }

    public void succeeded(long sourceId) {
        health.remove(sourceId);
    }

    /** Consecutive failures, for the sessions view. */
    public int failures(long sourceId) {
        Health h = health.get(sourceId);
        return h == null ? 0 : h.failures;
    }
}
