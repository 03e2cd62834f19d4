package org.polyplex.platform.load;

import java.io.OutputStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

import io.vertx.ext.web.RoutingContext;

/**
 * Counts what the Xtream control plane runs at once: open requests per client address and per
 * line, large answers in flight, and the builders that produce their bytes. Every place taken is
 * given back when the request's response ends or its connection closes (the routing context's end
 * handler), so no path can leak one. Thread-safe; never blocks but in {@link #admitHeavy}.
 */
@ApplicationScoped
public class RequestLimits {

    private final LoadConfig config;
    private final CurrentVertxRequest current;
    private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final Semaphore heavy;
    private final AtomicInteger heavyWaiting = new AtomicInteger();
    private final Semaphore builders;

    RequestLimits(LoadConfig config, CurrentVertxRequest current) {
        this.config = config;
        this.current = current;
        this.heavy = new Semaphore(config.heavy().inFlight(), true);
        this.builders = new Semaphore(config.heavy().builders(), true);
    }

    /** Takes a place for the client address until the request ends; false when it has none left. */
    public boolean enterAddress(RoutingContext ctx, String address) {
        return enter(ctx, "a:" + address, config.perAddress());
    }

    /** Takes a place for the line (account id) until the request ends; false when it has none left. */
    public boolean enterLine(RoutingContext ctx, long accountId) {
        return enter(ctx, "l:" + accountId, config.perLine());
    }

    /** {@link #enterLine(RoutingContext, long)} for the request a REST resource is serving. */
    public boolean enterLine(long accountId) {
        return enterLine(current.getCurrent(), accountId);
    }

    /** {@link #admitHeavy(RoutingContext)} for the request a REST resource is serving. */
    public boolean admitHeavy() {
        return admitHeavy(current.getCurrent());
    }

    /**
     * Takes a place for a large answer until the request ends, waiting in a bounded queue for at most
     * {@code heavy.queue-timeout}. Blocks: call it on a worker thread only. False means answer 503.
     */
    public boolean admitHeavy(RoutingContext ctx) {
        if (!heavy.tryAcquire()) {
            if (heavyWaiting.incrementAndGet() > config.heavy().queue()) {
                heavyWaiting.decrementAndGet();
                return false;
            }
            try {
                if (!heavy.tryAcquire(config.heavy().queueTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                heavyWaiting.decrementAndGet();
            }
        }
        AtomicBoolean released = new AtomicBoolean();
        ctx.addEndHandler(v -> {
            if (released.compareAndSet(false, true)) {
                heavy.release();
            }
        });
        return true;
    }

    /** The shared builder turns, for {@link MeteredOutputStream}. */
    Semaphore builders() {
        return builders;
    }

    /** Wraps a large answer's output so that its bytes are produced under a builder turn. */
    public MeteredOutputStream metered(OutputStream out) {
        return new MeteredOutputStream(out, builders, config.heavy().chunkSize());
    }

    /** Places for large answers not taken; for tests. */
    int heavyAvailable() {
        return heavy.availablePermits();
    }

    /** Open requests of one key; for tests of the bound. */
    int open(String key) {
        AtomicInteger count = open.get(key);
        return count == null ? 0 : count.get();
    }

    private boolean enter(RoutingContext ctx, String key, int max) {
        boolean[] admitted = { false };
        open.compute(key, (k, count) -> {
            AtomicInteger c = count == null ? new AtomicInteger() : count;
            if (c.get() < max) {
                c.incrementAndGet();
                admitted[0] = true;
            }
            return c.get() == 0 ? null : c;
        });
        if (!admitted[0]) {
            return false;
        }
        AtomicBoolean released = new AtomicBoolean();
        ctx.addEndHandler(v -> {
            if (released.compareAndSet(false, true)) {
                leave(key);
            }
        });
        return true;
    }

    private void leave(String key) {
        open.computeIfPresent(key, (k, count) -> count.decrementAndGet() <= 0 ? null : count);
    }
}
