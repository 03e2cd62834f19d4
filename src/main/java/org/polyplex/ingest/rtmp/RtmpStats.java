package org.polyplex.ingest.rtmp;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the RTMP server, for metrics and tests. Thread-safe. */
public final class RtmpStats {

    final AtomicInteger open = new AtomicInteger();
    final LongAdder accepted = new LongAdder();
    final LongAdder overCapacity = new LongAdder();
    final LongAdder protocolErrors = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder publishes = new LongAdder();
    final LongAdder refusedPublishes = new LongAdder();

    /** Connections open now. */
    public int open() {
        return open.get();
    }

    /** Connections accepted since the start. */
    public long accepted() {
        return accepted.sum();
    }

    /** Connections closed at once because {@code rtmp.max-connections} were open. */
    public long overCapacity() {
        return overCapacity.sum();
    }

    /** Connections closed for breaking the protocol or a bound. */
    public long protocolErrors() {
        return protocolErrors.sum();
    }

    /** Connections closed by the handshake or idle timeout. */
    public long timeouts() {
        return timeouts.sum();
    }

    /** Publishes the gate accepted. */
    public long publishes() {
        return publishes.sum();
    }

    /** Publishes refused (by the gate, or without a key). */
    public long refusedPublishes() {
        return refusedPublishes.sum();
    }
}
