package org.polyplex.proxy.viewer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import org.polyplex.proxy.config.ProxyConfig;
import org.polyplex.proxy.memory.MemoryBudget;
import org.polyplex.proxy.metrics.ProxyMetrics;
import org.polyplex.proxy.ts.PacketRing;
import org.polyplex.proxy.ts.TsPacket;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * A ring and the cursors of the viewers that read it: one per {@link Lane}, so one per event loop
 * that has viewers of the session. Each viewer is written independently as far
 * as its own socket takes data; the upstream never waits for anyone. A viewer too far behind is
 * skipped to the newest keyframe or evicted (policy); a viewer whose socket takes nothing for
 * the stall bound is a ghost and is evicted. Ended viewers are only marked during a pass and
 * removed after it by {@link #sweep}, so no list is changed while it is iterated.
 * <p>
 * Confined to its lane's event loop, the thread of its viewers' connections.
 */
final class FanOut {

    /** Called for every viewer removed by a sweep. */
    interface Departures {
        void gone(Viewer viewer);
    }

    /**
     * Asked the first time a viewer's socket is full: may it keep a whole write bound queued? A
     * viewer told no is evicted ({@link MemoryBudget#REFUSAL}).
     */
    interface Backlog {
        boolean mayQueue(Viewer viewer);
    }

    private final PacketRing ring;
    private final ProxyConfig.Viewer config;
    private final ProxyMetrics metrics;
    private final LongSupplier nanoTime;
    private final Backlog backlog;
    private final List<Viewer> viewers = new ArrayList<>();
    private long bytesOut;
    private long skips;
    private long evictions;

    FanOut(PacketRing ring, ProxyConfig.Viewer config, ProxyMetrics metrics, LongSupplier nanoTime, Backlog backlog) {
        this.ring = ring;
        this.config = config;
        this.metrics = metrics;
        this.nanoTime = nanoTime;
        this.backlog = backlog;
    }

    /** Adds a viewer at the GOP cache: PAT, PMT and the newest keyframe, or the next keyframe. */
    void add(Viewer viewer) {
        viewer.response.setWriteQueueMaxSize(config.maxPendingBytes());
        viewer.cursor = ring.lastKeyframe();
        viewers.add(viewer);
        pump(viewer);
    }

    /** Appends a chunk to the ring and writes it to every viewer that can take it. */
    void publish(Buffer chunk, boolean keyframe) {
        append(chunk, keyframe);
        pumpAll();
    }

    /** Appends a chunk to the ring; a viewer waiting for a keyframe starts at it. Writes nothing. */
    void append(Buffer chunk, boolean keyframe) {
        long seq = ring.append(chunk, keyframe);
        if (keyframe) {
            for (int i = 0; i < viewers.size(); i++) {
                Viewer viewer = viewers.get(i);
                if (viewer.cursor < 0) {
                    viewer.cursor = seq;
                }
            }
        }
    }

    /** Writes every viewer as far as its socket takes the ring. */
    void pumpAll() {
        for (int i = 0; i < viewers.size(); i++) {
            pump(viewers.get(i));
        }
    }

    /**
     * The ring lost chunks (it is cleared): every viewer waits for the next keyframe, so none
     * gets a stream with a hole in it. Counted as a skip for each viewer that was reading.
     */
    void clear() {
        ring.clear();
        for (Viewer viewer : viewers) {
            if (viewer.cursor >= 0) {
                viewer.cursor = -1;
                skips++;
                metrics.skipped();
            }
        }
    }

    /** The viewer's socket drained: continue writing from its cursor. */
    void drained(Viewer viewer) {
        viewer.stalledSince = 0;
        pump(viewer);
    }

    void pump(Viewer viewer) {
        if (viewer.ended()) {
            return;
        }
        HttpServerResponse response = viewer.response;
        while (viewer.cursor >= 0 && viewer.cursor < ring.head()) {
            if (viewer.cursor < ring.tail() || ring.lag(viewer.cursor) > config.maxLagBytes()) {
                tooSlow(viewer);
                if (viewer.ended()) {
                    return;
                }
                continue;
            }
            if (response.writeQueueFull()) {
                fellBehind(viewer);
                return;
            }
            Buffer chunk = ring.get(viewer.cursor++);
            response.write(chunk);
            viewer.bytesOut += chunk.length();
            bytesOut += chunk.length();
            viewer.stalledSince = 0;
        }
    }

    /** The viewer's socket is full: the stall clock starts, and its first backlog needs room. */
    private void fellBehind(Viewer viewer) {
        if (viewer.stalledSince == 0) {
            viewer.stalledSince = nanoTime.getAsLong();
        }
        if (!viewer.backlogAllowed) {
            if (backlog.mayQueue(viewer)) {
                viewer.backlogAllowed = true;
            } else {
                end(viewer, MemoryBudget.REFUSAL + ": no memory left for this viewer's backlog", true);
            }
        }
    }

    private void tooSlow(Viewer viewer) {
        if (config.slowPolicy() == ProxyConfig.SlowPolicy.EVICT) {
            end(viewer, "too slow: more than " + config.maxLagBytes() + " bytes behind", true);
            return;
        }
        long keyframe = ring.lastKeyframe();
        // Without a newer keyframe in the ring, wait for the next one rather than resume mid-GOP.
        viewer.cursor = keyframe > viewer.cursor ? keyframe : -1;
        skips++;
        metrics.skipped();
    }

    /** Sends one null packet to every viewer that has nothing else queued: keepalive. */
    void keepalive() {
        for (Viewer viewer : viewers) {
            boolean idle = viewer.cursor < 0 || viewer.cursor >= ring.head();
            if (idle && !viewer.ended() && !viewer.response.writeQueueFull()) {
                viewer.response.write(TsPacket.NULL_PACKET);
                viewer.bytesOut += TsPacket.SIZE;
                bytesOut += TsPacket.SIZE;
            }
        }
    }

    /** Ends viewers whose sockets have taken nothing for the stall bound (dead peers). */
    void evictStalled() {
        long now = nanoTime.getAsLong();
        long bound = config.writeStallTimeout().toNanos();
        for (Viewer viewer : viewers) {
            if (viewer.stalledSince != 0 && now - viewer.stalledSince > bound && !viewer.ended()) {
                end(viewer, "write stalled for " + config.writeStallTimeout().toMillis() + " ms", true);
            }
        }
    }

    /**
     * Marks a viewer ended and drops or ends its connection. An eviction or kick drops it with its
     * queued bytes ({@link Viewer#abort}: the peer is slow or dead, a graceful end could wait
     * forever); a normal end finishes the response, unless the socket is full, as a peer that
     * takes nothing would never receive the end either.
     */
    void end(Viewer viewer, String reason, boolean eviction) {
        if (viewer.ended()) {
            return;
        }
        viewer.endReason = reason;
        if (eviction) {
            evictions++;
            metrics.evicted();
            viewer.abort();
        } else if (viewer.response.writeQueueFull()) {
            viewer.abort();
        } else if (!viewer.response.ended()) {
            viewer.response.end();
        }
    }

    void endAll(String reason) {
        for (Viewer viewer : viewers) {
            end(viewer, reason, false);
        }
    }

    /** Removes ended viewers and reports each one gone. */
    void sweep(Departures departures) {
        for (int i = viewers.size() - 1; i >= 0; i--) {
            Viewer viewer = viewers.get(i);
            if (viewer.ended()) {
                viewers.remove(i);
                departures.gone(viewer);
            }
        }
    }

    /** Removes a viewer whose connection closed by itself. */
    boolean remove(Viewer viewer) {
        return viewers.remove(viewer);
    }

    List<Viewer> viewers() {
        return viewers;
    }

    long lag(Viewer viewer) {
        return viewer.cursor < 0 ? 0 : ring.lag(viewer.cursor);
    }

    /** Bytes written since the last call. */
    long drainBytesOut() {
        long n = bytesOut;
        bytesOut = 0;
        return n;
    }

    long skips() {
        return skips;
    }

    long evictions() {
        return evictions;
    }
}
