package org.polyplex.proxy.viewer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

import org.polyplex.proxy.config.ProxyConfig;
import org.polyplex.proxy.hls.SegmentWindow;
import org.polyplex.proxy.memory.MemoryBudget;
import org.polyplex.proxy.metrics.ProxyMetrics;
import org.polyplex.proxy.ts.ChunkSink;
import org.polyplex.proxy.ts.PacketRing;

import io.quarkus.logging.Log;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * The viewers of one channel session, of both kinds: TS connections, written from the session's
 * ring by the {@link FanOut}, and HLS viewers, served the segments the {@link HlsTap} cuts. It takes
 * the session's chunks straight from the source attempt, keeps TS viewers alive with null packets
 * during an outage, ends ghosts and idle HLS viewers, and reports every departure exactly once,
 * however it happens (connection closed, kick, eviction, activity window, session end), to its
 * listener. Confined to the session's context.
 */
public final class Audience implements ChunkSink {

    /** Hears of departures; on the session's context. */
    public interface Listener {

        /** A viewer left, already released (its connection lease given back); once per viewer. */
        void left(ViewerIdentity viewer);
    }

    private final long sessionId;
    private final Context context;
    private final PacketRing ring;
    private final FanOut fanOut;
    private final HlsTap hls;
    private final ProxyMetrics metrics;
    private final Listener listener;
    private final long keepaliveNanos;
    private final long viewerWindowSeconds;
    private final MemoryBudget memory;
    private final int writeBound;
    /** The TS viewers' reservations, given back when they leave. */
    private final Map<Viewer, MemoryBudget.Reservation> reserved = new HashMap<>();
    /** Allocated once: the chunk path must not allocate a callback per chunk. */
    private final FanOut.Departures departures = this::gone;
    private long lastKeepalive;
    private boolean keptAlive;

    /**
     * @param nanoTime the session's monotonic clock
     * @param memory the node's budget, which TS viewers' write bounds and the HLS window reserve
     */
    public Audience(long sessionId, PacketRing ring, Context context, ProxyConfig config, ProxyMetrics metrics,
            LongSupplier nanoTime, MemoryBudget memory, Listener listener) {
        this.sessionId = sessionId;
        this.context = context;
        this.ring = ring;
        this.metrics = metrics;
        this.listener = listener;
        this.fanOut = new FanOut(ring, config.viewer(), metrics, nanoTime, this::mayQueue);
        this.memory = memory;
        this.writeBound = config.viewer().maxPendingBytes();
        this.hls = new HlsTap(config.hlsOutput(), context.owner(), nanoTime, metrics, memory);
        this.keepaliveNanos = config.failover().keepaliveInterval().toNanos();
        this.viewerWindowSeconds = config.hlsOutput().viewerWindow().toSeconds();
    }

    /** Viewers of both kinds. */
    public int size() {
        return fanOut.viewers().size() + hls.viewers().size();
    }

    /** Adds a viewer and has the route answer it: a TS viewer then starts at the GOP cache. */
    public void add(ViewerIdentity viewer, Admission admission) {
        if (viewer instanceof Viewer ts) {
            add(ts, admission);
        } else if (viewer instanceof HlsViewer h) {
            hls.add(h, ring);
            metrics.viewerAdded();
            Log.debugf("session=%d hls viewer=%d user=%s joined", sessionId, h.id, h.username);
            admission.admitted();
        }
    }

    private void add(Viewer viewer, Admission admission) {
        viewer.response.drainHandler(v -> context.runOnContext(x -> fanOut.drained(viewer)));
        viewer.response.closeHandler(v -> context.runOnContext(x -> closed(viewer)));
        viewer.response.exceptionHandler(e -> {
        });
        admission.admitted();
        fanOut.add(viewer);
        metrics.viewerAdded();
        if (viewer.response.closed()) {
            // Closed while hopping here: its close handler was set too late to fire.
            closed(viewer);
            return;
        }
        Log.debugf("session=%d viewer=%d user=%s joined", sessionId, viewer.id, viewer.username);
    }

    /**
     * Makes room for a viewer about to be added: false, after turning it away with the refusal,
     * when the session has {@code maxViewers} already ({@code too_many_viewers}) or the memory
     * budget cannot hold its buffers ({@code memory_budget}).
     */
    public boolean room(ViewerIdentity viewer, Admission admission, int maxViewers) {
        if (size() >= maxViewers) {
            turnAway(viewer);
            admission.refused("too_many_viewers", "this channel has too many viewers");
            return false;
        }
        if (!reserve(viewer)) {
            turnAway(viewer);
            admission.refused(MemoryBudget.REFUSAL, "this server has no memory left for another viewer");
            return false;
        }
        return true;
    }

    /**
     * Reserves what the viewer holds: a TS viewer's connection ({@link MemoryBudget#VIEWER_BYTES};
     * its queue holds the ring's own chunks while it keeps up), or the HLS window when this is the
     * session's first HLS viewer (HLS viewers share its segments). False, with nothing reserved,
     * when the memory budget has no room.
     */
    private boolean reserve(ViewerIdentity viewer) {
        if (viewer instanceof Viewer ts) {
            return memory.reserve(Math.min(MemoryBudget.VIEWER_BYTES, writeBound))
                    .map(r -> reserved.put(ts, r) == null).isPresent();
        }
        return hls.reserveWindow();
    }

    /** A TS viewer fell behind its socket: its queue may now outlive the ring's chunks. */
    private boolean mayQueue(Viewer viewer) {
        MemoryBudget.Reservation reservation = reserved.get(viewer);
        return reservation != null && reservation.growTo(writeBound);
    }

    /** A viewer refused before it joined: releases its connection lease (it was never counted). */
    public static void turnAway(ViewerIdentity viewer) {
        viewer.markGone();
    }

    /** The session's next chunk, for every viewer: the hot path. */
    @Override
    public void chunk(Buffer packets, boolean keyframe) {
        fanOut.publish(packets, keyframe);
        hls.chunk(packets, keyframe);
        fanOut.sweep(departures);
    }

    /** Ends one viewer at once (admin kick, replaced); a TS viewer's connection is dropped, as an eviction. */
    public void kick(ViewerIdentity viewer, String reason) {
        if (viewer instanceof Viewer ts) {
            fanOut.end(ts, reason, true);
            fanOut.sweep(departures);
        } else if (viewer instanceof HlsViewer h && hls.remove(h)) {
            hlsGone(h, reason);
        }
    }

    /** During an outage: a null packet to every idle TS viewer, at most once per keepalive interval. */
    public void keepalive(long now) {
        if (keptAlive && now - lastKeepalive < keepaliveNanos) {
            return;
        }
        keptAlive = true;
        lastKeepalive = now;
        fanOut.keepalive();
    }

    /** The session's tick: ends ghosts (sockets stalled past the bound) and HLS viewers past their window. */
    public void tick(long now) {
        fanOut.evictStalled();
        fanOut.sweep(departures);
        for (HlsViewer idle : hls.expire(now)) {
            hlsGone(idle, "no request for " + viewerWindowSeconds + " s");
        }
    }

    /** Ends every viewer (session closing) and answers waiting playlist requests. */
    public void endAll(String reason) {
        fanOut.endAll(reason);
        fanOut.sweep(departures);
        for (HlsViewer viewer : hls.removeAll(reason)) {
            hlsGone(viewer, reason);
        }
    }

    /** The live playlist, once the first segment exists; segment URIs start with prefix. */
    public Future<String> playlist(String prefix) {
        return hls.ready().map(v -> hls.playlist(prefix).orElseThrow());
    }

    /** A segment of the window, counted as served to the viewer when {@code body} (not for HEAD). */
    public Optional<SegmentWindow.Segment> segment(HlsViewer viewer, long sequence, boolean body) {
        return hls.segment(viewer, sequence, body);
    }

    /** Bytes sent to viewers of both kinds since the last call. */
    public long drainBytesOut() {
        return fanOut.drainBytesOut() + hls.drainBytesOut();
    }

    /** Adds every viewer to a snapshot. */
    public void describe(List<ViewerInfo> out) {
        for (Viewer v : new ArrayList<>(fanOut.viewers())) {
            out.add(new ViewerInfo(v.id, sessionId, v.userId, v.username, v.address, v.channelId, v.slot, "ts",
                    v.bytesOut, fanOut.lag(v), v.since));
        }
        for (HlsViewer v : hls.viewers()) {
            out.add(new ViewerInfo(v.id, sessionId, v.userId, v.username, v.address, v.channelId, v.slot, "hls",
                    v.bytesOut, 0, v.since));
        }
    }

    /** A TS viewer's connection closed by itself. */
    private void closed(Viewer viewer) {
        if (fanOut.remove(viewer)) {
            gone(viewer);
        }
    }

    private void gone(Viewer viewer) {
        MemoryBudget.Reservation reservation = reserved.remove(viewer);
        if (reservation != null) {
            reservation.release();
        }
        if (!viewer.markGone()) {
            return;
        }
        metrics.viewerRemoved();
        Log.debugf("session=%d viewer=%d left: %s", sessionId, viewer.id,
                viewer.endReason == null ? "closed" : viewer.endReason);
        listener.left(viewer);
    }

    private void hlsGone(HlsViewer viewer, String reason) {
        if (!viewer.markGone()) {
            return;
        }
        metrics.viewerRemoved();
        Log.debugf("session=%d hls viewer=%d left: %s", sessionId, viewer.id, reason);
        listener.left(viewer);
    }
}
