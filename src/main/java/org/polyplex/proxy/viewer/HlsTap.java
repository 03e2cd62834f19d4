package org.polyplex.proxy.viewer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

import org.polyplex.proxy.config.ProxyConfig;
import org.polyplex.proxy.hls.SegmentWindow;
import org.polyplex.proxy.memory.MemoryBudget;
import org.polyplex.proxy.metrics.ProxyMetrics;
import org.polyplex.proxy.ts.PacketRing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * The HLS side of one channel session: its HLS viewers and the segment window cut from the
 * session's chunks. The window exists only while the session has HLS viewers; when the first one
 * arrives it is seeded with the ring's GOP cache, so the first segment is ready up to one GOP
 * sooner. Every segment is cut once and served to all HLS viewers of the channel.
 * <p>
 * Confined to the session's context.
 */
final class HlsTap {

    private final ProxyConfig.HlsOutput config;
    private final Vertx vertx;
    private final LongSupplier nanoTime;
    private final ProxyMetrics metrics;
    private final List<HlsViewer> viewers = new ArrayList<>();
    private final List<Waiter> waiting = new ArrayList<>();
    private final MemoryBudget memory;
    private SegmentWindow window;
    /** The window's share of the budget while the window may exist; null otherwise. */
    private MemoryBudget.Reservation windowReservation;
    private long bytesOut;

    /** A playlist request waiting for the first segment, and its timeout timer. */
    private record Waiter(Promise<Void> promise, long timer) {
    }

    HlsTap(ProxyConfig.HlsOutput config, Vertx vertx, LongSupplier nanoTime, ProxyMetrics metrics, MemoryBudget memory) {
        this.memory = memory;
        this.config = config;
        this.metrics = metrics;
        this.vertx = vertx;
        this.nanoTime = nanoTime;
    }

    /** Reserves the window's bound unless it is reserved already; false when the budget has no room. */
    boolean reserveWindow() {
        if (windowReservation == null) {
            windowReservation = memory.reserve(config.windowBytes()).orElse(null);
        }
        return windowReservation != null;
    }

    /** Adds a viewer, after {@link #reserveWindow()} succeeded. */
    void add(HlsViewer viewer, PacketRing ring) {
        if (window == null) {
            window = new SegmentWindow(config.targetDuration(), config.windowSegments(), config.windowBytes(), nanoTime);
            long first = ring.lastKeyframe();
            for (long seq = first; first >= 0 && seq < ring.head(); seq++) {
                window.chunk(ring.get(seq), ring.isKeyframe(seq));
            }
        }
        viewers.add(viewer);
    }

    /** The session's next chunk. */
    void chunk(Buffer packets, boolean keyframe) {
        if (window == null) {
            return;
        }
        long produced = window.produced();
        window.chunk(packets, keyframe);
        if (window.produced() != produced) {
            metrics.hlsSegmentCut();
        }
        if (!waiting.isEmpty() && window.size() > 0) {
            List<Waiter> ready = new ArrayList<>(waiting);
            waiting.clear();
            for (Waiter waiter : ready) {
                vertx.cancelTimer(waiter.timer());
                waiter.promise().tryComplete();
            }
        }
    }

    /** Completes once the window holds a segment; fails after the first-segment wait. */
    Future<Void> ready() {
        if (window != null && window.size() > 0) {
            return Future.succeededFuture();
        }
        Promise<Void> promise = Promise.promise();
        long timer = vertx.setTimer(config.firstSegmentWait().toMillis(), t -> {
            if (waiting.removeIf(w -> w.promise() == promise)) {
                released();
                promise.tryFail("no segment after " + config.firstSegmentWait().toSeconds() + " s");
            }
        });
        waiting.add(new Waiter(promise, timer));
        return promise.future();
    }

    /** The media playlist; segment URIs are {@code prefix + sequence + ".ts"}. */
    Optional<String> playlist(String prefix) {
        return window == null ? Optional.empty() : window.playlist(prefix, ".ts");
    }

    /** A segment of the window, counted as served to the viewer when {@code body} (not for HEAD). */
    Optional<SegmentWindow.Segment> segment(HlsViewer viewer, long sequence, boolean body) {
        Optional<SegmentWindow.Segment> segment = window == null ? Optional.empty() : window.segment(sequence);
        if (body && segment.isPresent()) {
            viewer.bytesOut += segment.get().bytes().length();
            bytesOut += segment.get().bytes().length();
        }
        return segment;
    }

    /** Removes the viewers idle for longer than the activity window and returns them. */
    List<HlsViewer> expire(long nowNanos) {
        List<HlsViewer> idle = new ArrayList<>();
        long bound = config.viewerWindow().toNanos();
        viewers.removeIf(v -> v.idle(nowNanos, bound) && idle.add(v));
        released();
        return idle;
    }

    boolean remove(HlsViewer viewer) {
        boolean removed = viewers.remove(viewer);
        released();
        return removed;
    }

    /** Removes every viewer and answers waiting playlist requests (session closing). */
    List<HlsViewer> removeAll(String reason) {
        List<HlsViewer> all = new ArrayList<>(viewers);
        viewers.clear();
        released();
        List<Waiter> pending = new ArrayList<>(waiting);
        waiting.clear();
        for (Waiter waiter : pending) {
            vertx.cancelTimer(waiter.timer());
            waiter.promise().tryFail(reason);
        }
        return all;
    }

    /** Drops the window once no HLS viewer is left: TS-only sessions pay nothing for HLS. */
    private void released() {
        if (viewers.isEmpty() && waiting.isEmpty()) {
            window = null;
            if (windowReservation != null) {
                windowReservation.release();
                windowReservation = null;
            }
        }
    }

    List<HlsViewer> viewers() {
        return viewers;
    }

    /** Bytes served since the last call. */
    long drainBytesOut() {
        long n = bytesOut;
        bytesOut = 0;
        return n;
    }
}
