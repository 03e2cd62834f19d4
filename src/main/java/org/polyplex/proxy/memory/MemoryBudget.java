package org.polyplex.proxy.memory;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.polyplex.proxy.config.ProxyConfig;

import io.quarkus.runtime.configuration.MemorySize;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * The node's budget for the data plane's buffers: what every session and viewer may hold at worst
 * is reserved here before it exists, so the sum of the bounds never exceeds the budget, whatever
 * the number of sessions and viewers. A session reserves its ring bound at creation, its HLS
 * output window when its first HLS viewer arrives. A TS viewer reserves {@link #VIEWER_BYTES} at
 * admission: while it keeps up, the chunks its socket queues are the ring's own buffers, already
 * counted; the first time its socket falls behind, its reservation grows to its write bound (what
 * a slow socket may keep alive after the ring let go of it). A reservation that does not fit is
 * refused: a new viewer or session is answered {@code 503 memory_budget} before any byte, a
 * viewer whose backlog does not fit is evicted, so slow sockets never crowd out healthy ones.
 * <p>
 * Sessions and viewers live on different event loops: the count is one {@link AtomicLong},
 * reserved with a compare-and-set loop, no lock. Each {@link Reservation} gives its bytes back
 * once, however many times it is released.
 */
public final class MemoryBudget {

    /** The refusal code of a viewer or session that does not fit. */
    public static final String REFUSAL = "memory_budget";

    /**
     * What a TS viewer that keeps up reserves: its connection and bookkeeping (the proxy bench
     * measures about 40 KiB of heap per viewer), never more than its write bound.
     */
    public static final int VIEWER_BYTES = 64 * 1024;

    /**
     * Share of the maximum heap used when no budget is configured. The stream chunks live in
     * direct memory, whose limit is the maximum heap unless {@code -XX:MaxDirectMemorySize} says
     * otherwise; half leaves the rest of the heap to everything else.
     */
    static final int DEFAULT_PERCENT_OF_HEAP = 50;

    private final long total;
    private final AtomicLong used = new AtomicLong();

    public MemoryBudget(long total) {
        if (total <= 0) {
            throw new IllegalArgumentException("memory budget must be positive: " + total);
        }
        this.total = total;
    }

    /**
     * The configured budget, or {@value #DEFAULT_PERCENT_OF_HEAP}% of the JVM's maximum heap (or
     * of its direct memory limit, when that is smaller) when none is set. Refuses to start when it
     * could not hold even one session with one viewer, or when a configured budget is more than
     * the JVM's direct memory limit, which holds the chunks it counts.
     */
    public static MemoryBudget of(ProxyConfig config) {
        return of(config, directMemoryLimit());
    }

    static MemoryBudget of(ProxyConfig config, long directLimit) {
        // by default, half of the heap and of the direct memory, whichever is smaller (the same
        // unless -XX:MaxDirectMemorySize is set): a default never refuses the start
        long total = config.memory().maxBufferBytes().map(MemorySize::asLongValue)
                .orElseGet(() -> Math.min(Runtime.getRuntime().maxMemory(), directLimit) / 100 * DEFAULT_PERCENT_OF_HEAP);
        long smallest = config.session().ringBytes() + config.viewer().maxPendingBytes();
        if (total < smallest) {
            throw new IllegalArgumentException("polyplex.proxy.memory.max-buffer-bytes=" + total
                    + " cannot hold one session ring and one viewer's write bound (" + smallest + " bytes)");
        }
        if (total > directLimit) {
            throw new IllegalArgumentException("polyplex.proxy.memory.max-buffer-bytes=" + total
                    + " is more than the JVM's direct memory limit (" + directLimit + " bytes: -XX:MaxDirectMemorySize,"
                    + " else the maximum heap), which holds the stream chunks: lower it or give the JVM more"
                    + " (JAVA_OPTS with bin/polyplex)");
        }
        return new MemoryBudget(total);
    }

    /**
     * The JVM's limit on direct buffers: {@code -XX:MaxDirectMemorySize}, or the maximum heap when
     * unset (or on a JVM without HotSpot's diagnostic bean).
     */
    static long directMemoryLimit() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        long configured = vm == null ? 0 : Long.parseLong(vm.getVMOption("MaxDirectMemorySize").getValue());
        return configured > 0 ? configured : Runtime.getRuntime().maxMemory();
    }

    /** Reserves {@code bytes}, or nothing and empty when they do not fit. */
    public Optional<Reservation> reserve(long bytes) {
        return take(bytes) ? Optional.of(new Reservation(bytes)) : Optional.empty();
    }

    /** Bytes reserved now. */
    public long used() {
        return used.get();
    }

    /** The budget, in bytes. */
    public long total() {
        return total;
    }

    private boolean take(long bytes) {
        long now;
        do {
            now = used.get();
            if (bytes > total - now) {
                return false;
            }
        } while (!used.compareAndSet(now, now + bytes));
        return true;
    }

    /**
     * Bytes held for one session or viewer; given back once. Grown and released by its owner's
     * context only.
     */
    public final class Reservation {

        private long bytes;
        private final AtomicBoolean released = new AtomicBoolean();

        private Reservation(long bytes) {
            this.bytes = bytes;
        }

        /**
         * Grows the reservation to {@code target} bytes: true when it holds that much now (also
         * when it did already), false, unchanged, when the budget has no room or it was released.
         */
        public boolean growTo(long target) {
            if (target <= bytes) {
                return !released.get();
            }
            if (released.get() || !take(target - bytes)) {
                return false;
            }
            bytes = target;
            return true;
        }

        /** Gives the bytes back; later calls do nothing. */
        public void release() {
            if (released.compareAndSet(false, true)) {
                used.addAndGet(-bytes);
            }
        }

        public long bytes() {
            return bytes;
        }
    }
}
