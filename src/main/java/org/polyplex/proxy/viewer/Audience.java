package org.polyplex.proxy.viewer;

import java.util.ArrayList;
import java.util.List;
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
 * The viewers of one channel session, of both kinds: TS connections, held by {@link TsViewers} in
 * one {@link Lane} per event loop their connections live on and written there, and HLS viewers,
 * served the segments the {@link HlsTap} cuts. It takes the session's chunks from the source
 * attempt into the session's ring and hands each to every lane, keeps TS viewers alive with null packets
 * during an outage, ends ghosts and idle HLS viewers, and reports every departure exactly once,
 * however it happens (connection closed, kick, eviction, activity window, session end), to its
 * listener. Confined to the session's context; lanes report back to it.
 */
public final class Audience implements ChunkSink {

    /** Hears of departures; on the session's context. */
    public interface Listener {

        /** A viewer left, already released (its connection lease given back); once per viewer. */
        void left(ViewerIdentity viewer);
    }

    private final long sessionId;
    private final PacketRing ring;
    private final HlsTap hls;
    private final TsViewers ts;
    private final ProxyMetrics metrics;
    private final Listener listener;
    private final long keepaliveNanos;
    private final long viewerWindowSeconds;
    private long lastKeepalive;
    private boolean keptAlive;

    /**
     * @param ring the session's ring: the chunks are appended here, the GOP cache new lanes and
     *        the HLS output start from
     * @param nanoTime the session's monotonic clock
     * @param memory the node's budget, which TS viewers' write bounds and the HLS window reserve
     */
    public Audience(long sessionId, PacketRing ring, Context context, ProxyConfig config, ProxyMetrics metrics,
            LongSupplier nanoTime, MemoryBudget memory, Listener listener) {
        this.sessionId = sessionId;
        this.ring = ring;
        this.metrics = metrics;
        this.listener = listener;
        this.hls = new HlsTap(config.hlsOutput(), context.owner(), nanoTime, metrics, memory);
        this.ts = new TsViewers(sessionId, context, config, metrics, nanoTime, memory, listener::left);
        this.keepaliveNanos = config.failover().keepaliveInterval().toNanos();
        this.viewerWindowSeconds = config.hlsOutput().viewerWindow().toSeconds();
    }

    /** Viewers of both kinds. */
    public int size() {
        return ts.size() + hls.viewers().size();
    }

    /** Adds a viewer and has the route answer it: a TS viewer then starts at the GOP cache. */
    public void add(ViewerIdentity viewer, Admission admission) {
        if (viewer instanceof Viewer v) {
            ts.add(v, ring, admission);
        } else if (viewer instanceof HlsViewer h) {
            hls.add(h, ring);
            metrics.viewerAdded();
            Log.debugf("session=%d hls viewer=%d user=%s joined", sessionId, h.id, h.username);
            admission.admitted();
        }
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
     * Reserves what the viewer holds: a TS viewer's connection, or the HLS window when this is the
     * session's first HLS viewer (HLS viewers share its segments). False, with nothing reserved,
     * when the memory budget has no room.
     */
    private boolean reserve(ViewerIdentity viewer) {
        if (viewer instanceof Viewer v) {
            return ts.reserve(v);
        }
        return hls.reserveWindow();
    }

    /** A viewer refused before it joined: releases its connection lease (it was never counted). */
    public static void turnAway(ViewerIdentity viewer) {
        viewer.markGone();
    }

    /** The session's next chunk, for every viewer: the hot path. */
    @Override
    public void chunk(Buffer packets, boolean keyframe) {
        ring.append(packets, keyframe);
        ts.offer(packets, keyframe);
        hls.chunk(packets, keyframe);
    }

    /** Ends one viewer at once (admin kick, replaced); a TS viewer's connection is dropped, as an eviction. */
    public void kick(ViewerIdentity viewer, String reason) {
        if (viewer instanceof Viewer v) {
            ts.kick(v, reason);
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
        ts.keepalive();
    }

    /** The session's tick: ends ghosts (sockets stalled past the bound) and HLS viewers past their window. */
    public void tick(long now) {
        ts.tick();
        for (HlsViewer idle : hls.expire(now)) {
            hlsGone(idle, "no request for " + viewerWindowSeconds + " s");
        }
    }

    /** Ends every viewer (session closing) and answers waiting playlist requests. */
    public void endAll(String reason) {
        ts.endAll(reason);
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
        return hls.drainBytesOut() + ts.drainBytesOut();
    }

    /** Every viewer, for a snapshot: the HLS viewers read now, the TS viewers on their lanes' loops. */
    public Future<List<ViewerInfo>> describe() {
        List<ViewerInfo> out = new ArrayList<>();
        for (HlsViewer v : hls.viewers()) {
            out.add(new ViewerInfo(v.id, sessionId, v.userId, v.username, v.address, v.channelId, v.slot, "hls",
                    v.bytesOut, 0, v.since));
        }
        return ts.readings().map(readings -> {
            for (Viewer.Reading r : readings) {
                Viewer v = r.viewer();
                out.add(new ViewerInfo(v.id, sessionId, v.userId, v.username, v.address, v.channelId, v.slot, "ts",
                        r.bytesOut(), r.lag(), v.since));
            }
            return out;
        });
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
