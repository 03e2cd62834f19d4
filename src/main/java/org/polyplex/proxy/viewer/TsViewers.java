package org.polyplex.proxy.viewer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.polyplex.proxy.config.ProxyConfig;
import org.polyplex.proxy.memory.MemoryBudget;
import org.polyplex.proxy.metrics.ProxyMetrics;
import org.polyplex.proxy.ts.PacketRing;

import io.quarkus.logging.Log;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.impl.ContextInternal;

import io.netty.channel.EventLoop;

/**
 * The TS viewers of one session, grouped in one {@link Lane} per event loop their connections live
 * on: lanes are made on a loop's first viewer, get every chunk through their mailbox, and report
 * departures back here, where each viewer's memory reservation is released and its departure told
 * once. Confined to the session's context.
 */
final class TsViewers {

    private final long sessionId;
    private final Context context;
    private final ProxyConfig config;
    private final ProxyMetrics metrics;
    private final LongSupplier nanoTime;
    private final MemoryBudget memory;
    private final int writeBound;
    private final Consumer<Viewer> departed;
    /** One lane per event loop that has (or had) TS viewers of this session; a handful at most. */
    private final List<Lane> lanes = new ArrayList<>();

    /** @param departed told once per viewer that left, after its reservation was released */
    TsViewers(long sessionId, Context context, ProxyConfig config, ProxyMetrics metrics, LongSupplier nanoTime,
            MemoryBudget memory, Consumer<Viewer> departed) {
        this.sessionId = sessionId;
        this.context = context;
        this.config = config;
        this.metrics = metrics;
        this.nanoTime = nanoTime;
        this.memory = memory;
        this.departed = departed;
        this.writeBound = config.viewer().maxPendingBytes();
    }

    int size() {
        int members = 0;
        for (Lane lane : lanes) {
            members += lane.members();
        }
        return members;
    }

    /**
     * Reserves the viewer's connection ({@link MemoryBudget#VIEWER_BYTES}; its queue holds the
     * ring's own chunks while it keeps up); false, with nothing reserved, when the budget has no room.
     */
    boolean reserve(Viewer viewer) {
        Optional<MemoryBudget.Reservation> reservation = memory.reserve(Math.min(MemoryBudget.VIEWER_BYTES, writeBound));
        reservation.ifPresent(r -> viewer.reservation = r);
        return reservation.isPresent();
    }

    /** Adds the viewer to its loop's lane, which starts it at the session's GOP cache, then admits it. */
    void add(Viewer viewer, PacketRing sessionRing, Admission admission) {
        Lane lane = laneOf(viewer);
        viewer.lane = lane;
        metrics.viewerAdded();
        Log.debugf("session=%d viewer=%d user=%s joined", sessionId, viewer.id, viewer.username);
        lane.join(viewer, sessionRing, () -> {
            viewer.response.drainHandler(v -> lane.drained(viewer));
            viewer.response.closeHandler(v -> lane.closed(viewer));
            viewer.response.exceptionHandler(e -> {
            });
            admission.admitted();
        });
    }

    /** The session's next chunk, to every lane. */
    void offer(Buffer packets, boolean keyframe) {
        for (int i = 0; i < lanes.size(); i++) {
            lanes.get(i).offer(packets, keyframe);
        }
    }

    /** Ends one viewer at once; its connection is dropped, as an eviction. */
    void kick(Viewer viewer, String reason) {
        if (viewer.lane != null) {
            viewer.lane.end(viewer, reason, true);
        }
    }

    /** A null packet to the idle viewers of every lane. */
    void keepalive() {
        for (Lane lane : lanes) {
            if (lane.members() > 0) {
                lane.keepalive();
            }
        }
    }

    /** Each lane ends its ghosts (sockets stalled past the bound). */
    void tick() {
        for (Lane lane : lanes) {
            if (lane.members() > 0) {
                lane.tick();
            }
        }
    }

    void endAll(String reason) {
        for (Lane lane : lanes) {
            lane.endAll(reason);
        }
    }

    long drainBytesOut() {
        long out = 0;
        for (Lane lane : lanes) {
            out += lane.drainBytesOut();
        }
        return out;
    }

    /** Every viewer's reading, each lane read on its own loop. */
    Future<List<Viewer.Reading>> readings() {
        List<Future<List<Viewer.Reading>>> parts = new ArrayList<>();
        for (Lane lane : lanes) {
            if (lane.members() > 0) {
                parts.add(lane.readings());
            }
        }
        return Future.join(parts).map(all -> {
            List<Viewer.Reading> out = new ArrayList<>();
            for (Future<List<Viewer.Reading>> part : parts) {
                out.addAll(part.result());
            }
            return out;
        });
    }

    /** The lane of the viewer's event loop, made on its first viewer. */
    private Lane laneOf(Viewer viewer) {
        ContextInternal own = context instanceof ContextInternal c ? c : null;
        ContextInternal theirs = viewer.context() instanceof ContextInternal c ? c : own;
        EventLoop loop = theirs == null ? null : theirs.nettyEventLoop();
        for (Lane lane : lanes) {
            if (lane.loop() == loop) {
                return lane;
            }
        }
        boolean local = theirs == own || own != null && own.isEventLoopContext() && loop == own.nettyEventLoop();
        Consumer<Viewer> gone = local ? this::gone : v -> context.runOnContext(x -> gone(v));
        FanOut fanOut = new FanOut(new PacketRing(config.session().ringChunks(), config.session().ringBytes()),
                config.viewer(), metrics, nanoTime, this::mayQueue);
        Lane lane = new Lane(local ? context : theirs, loop, local, fanOut, config.session().ringBytes(), gone);
        lanes.add(lane);
        return lane;
    }

    /** A viewer fell behind its socket: its queue may now outlive the ring's chunks. On its lane's loop. */
    private boolean mayQueue(Viewer viewer) {
        MemoryBudget.Reservation reservation = viewer.reservation;
        return reservation != null && reservation.growTo(writeBound);
    }

    /** A viewer left its lane; on the session's context. */
    private void gone(Viewer viewer) {
        viewer.lane.left();
        MemoryBudget.Reservation reservation = viewer.reservation;
        if (reservation != null) {
            reservation.release();
        }
        if (!viewer.markGone()) {
            return;
        }
        metrics.viewerRemoved();
        Log.debugf("session=%d viewer=%d left: %s", sessionId, viewer.id,
                viewer.endReason == null ? "closed" : viewer.endReason);
        departed.accept(viewer);
    }
}
