package org.polyplex.ingest.stats;

import java.util.HashMap;
import java.util.Map;

/**
 * The egress bitrate of one stream, derived from the proxy's per-viewer byte counters between two
 * snapshots: each viewer present in both adds what it sent since; a new viewer adds all it sent
 * (it joined within the interval, or its bytes went out before it was first seen; either way they
 * count once); a viewer that left adds nothing for its last partial interval. A counter that went
 * down (a reused id) counts from zero. Not thread-safe: one sampler calls it.
 */
final class EgressRate {

    private Map<Long, Long> last = Map.of();
    private long lastNanos;
    private boolean primed;

    /**
     * Takes the viewers' counters ({@code id -> bytesOut}) at {@code nanos}; answers kbps since the
     * previous call, 0 on the first.
     */
    long sample(Map<Long, Long> bytesOut, long nanos) {
        long delta = 0;
        for (Map.Entry<Long, Long> e : bytesOut.entrySet()) {
            long before = last.getOrDefault(e.getKey(), 0L);
            long now = e.getValue();
            delta += now >= before ? now - before : now;
        }
        long elapsed = nanos - lastNanos;
        long kbps = primed && elapsed > 0 ? kbps(delta, elapsed) : 0;
        last = new HashMap<>(bytesOut);
        lastNanos = nanos;
        primed = true;
        return kbps;
    }

    /** Kilobits (1000 bits) per second for {@code bytes} sent over {@code nanos}. */
    static long kbps(long bytes, long nanos) {
        return nanos <= 0 ? 0 : Math.round(bytes * 8.0 * 1_000_000.0 / nanos);
    }
}
