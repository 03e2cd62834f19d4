package org.polyplex.proxy.viewer;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.polyplex.proxy.ts.PacketRing;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;

import io.netty.channel.EventLoop;

/**
 * The TS viewers of one session whose connections live on one event loop, written on that loop.
 * A socket's writability, its write queue bound and its drain events only see writes made on its
 * own thread: a write from another loop is a task in that loop's queue, invisible to the bound, and
 * a fast viewer on one loop would starve the others. So the session hands each chunk once to each
 * lane, and the lane keeps its own ring (references to the same chunks, the same bounds) and
 * writes its own viewers, as far as each socket takes.
 * <p>
 * Chunks travel through a bounded mailbox: the session appends, and schedules one drain task when
 * none is pending, so a busy loop takes a burst of chunks in one pass. A lane that falls more than
 * the mailbox bound behind loses chunks: it is cleared and its viewers resume at the next keyframe,
 * never with a hole in their stream. A lane on the session's own loop is called directly.
 * <p>
 * The session's side ({@link #offer}, {@link #members}) runs on the session's context; everything
 * else on the lane's loop. Counters cross threads as atomics.
 */
final class Lane {

    /** A chunk, or (chunk null) the order to clear the ring. */
    private record Item(Buffer chunk, boolean keyframe) {
    }

    private static final Item CLEAR = new Item(null, false);

    private final Context context;
    private final EventLoop loop;
    private final boolean local;
    private final FanOut fanOut;
    private final long mailboxBound;
    private final Consumer<Viewer> departed;
    private final FanOut.Departures departures;
    private final Queue<Item> mailbox = new ConcurrentLinkedQueue<>();
    /** Bytes of the chunks in the mailbox. */
    private final AtomicLong queued = new AtomicLong();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong bytesOut = new AtomicLong();
    /** Session side: viewers added and not yet reported gone. */
    private int members;
    /** Session side: chunks are being dropped until the mailbox has room and a keyframe comes. */
    private boolean dropping;

    /**
     * @param context a context on the lane's event loop
     * @param loop that event loop (null: the lane runs on the session's context)
     * @param local whether that loop is the session's own thread
     * @param mailboxBound bytes of chunks the mailbox holds before the lane counts as overrun
     * @param departed hears each viewer that left, on the lane's loop
     */
    Lane(Context context, EventLoop loop, boolean local, FanOut fanOut, long mailboxBound, Consumer<Viewer> departed) {
        this.context = context;
        this.loop = loop;
        this.local = local;
        this.fanOut = fanOut;
        this.mailboxBound = mailboxBound;
        this.departed = departed;
        this.departures = departed::accept;
    }

    // ---- session side ----

    EventLoop loop() {
        return loop;
    }

    /** Viewers on this lane as the session counts them. */
    int members() {
        return members;
    }

    /**
     * A viewer joins: the first member seeds the lane with the session's GOP cache (the chunks from
     * its newest keyframe on), then the viewer is added on the lane's loop.
     */
    void join(Viewer viewer, PacketRing sessionRing, Runnable admitted) {
        if (members++ == 0) {
            seed(sessionRing);
        }
        execute(() -> {
            drain();
            admitted.run();
            fanOut.add(viewer);
            fanOut.pumpAll();
            if (viewer.response.closed()) {
                // Closed before its close handler was set: that handler will never fire.
                fanOut.remove(viewer);
                departed.accept(viewer);
            }
            afterPass();
        });
    }

    /** A member was reported gone: the last one clears the lane, so an empty lane holds no chunks. */
    void left() {
        if (--members == 0) {
            dropping = false;
            enqueue(CLEAR);
        }
    }

    /** The session's next chunk; ignored while the lane has no member. */
    void offer(Buffer chunk, boolean keyframe) {
        if (members == 0) {
            return;
        }
        if (local) {
            fanOut.publish(chunk, keyframe);
            afterPass();
            return;
        }
        if (dropping && !(keyframe && queued.get() < mailboxBound)) {
            return;
        }
        if (!dropping && queued.get() >= mailboxBound) {
            dropping = true;
            enqueue(CLEAR);
            return;
        }
        dropping = false;
        enqueue(new Item(chunk, keyframe));
    }

    /** Bytes written to this lane's viewers since the last call; any thread. */
    long drainBytesOut() {
        return bytesOut.getAndSet(0);
    }

    // ---- lane side, wherever called from ----

    /** Runs on the lane's loop: now when that is this thread, else as a task. */
    void execute(Runnable action) {
        if (local) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }

    /** Ends one viewer; its departure follows. */
    void end(Viewer viewer, String reason, boolean eviction) {
        execute(() -> {
            fanOut.end(viewer, reason, eviction);
            afterPass();
        });
    }

    /** Ends every viewer and drops the ring (the session is closing). */
    void endAll(String reason) {
        execute(() -> {
            drain();
            fanOut.endAll(reason);
            fanOut.clear();
            afterPass();
        });
    }

    /** A null packet to every idle viewer (outage keepalive). */
    void keepalive() {
        execute(() -> {
            fanOut.keepalive();
            account();
        });
    }

    /** Housekeeping: ends viewers whose sockets stalled past the bound. */
    void tick() {
        execute(() -> {
            fanOut.evictStalled();
            afterPass();
        });
    }

    /** The lane's viewers with their counters, read on the lane's loop. */
    Future<List<Viewer.Reading>> readings() {
        Promise<List<Viewer.Reading>> result = Promise.promise();
        execute(() -> {
            List<Viewer.Reading> out = new ArrayList<>();
            for (Viewer viewer : fanOut.viewers()) {
                out.add(new Viewer.Reading(viewer, viewer.bytesOut, fanOut.lag(viewer)));
            }
            result.complete(out);
        });
        return result.future();
    }

    // ---- on the lane's loop ----

    /** The viewer's socket drained. */
    void drained(Viewer viewer) {
        fanOut.drained(viewer);
        afterPass();
    }

    /** The viewer's connection closed by itself. */
    void closed(Viewer viewer) {
        if (fanOut.remove(viewer)) {
            departed.accept(viewer);
        }
    }

    private void seed(PacketRing ring) {
        long from = ring.lastKeyframe();
        if (from < 0) {
            return;
        }
        for (long seq = from; seq < ring.head(); seq++) {
            Buffer chunk = ring.get(seq);
            boolean keyframe = ring.isKeyframe(seq);
            if (local) {
                fanOut.append(chunk, keyframe);
            } else {
                enqueue(new Item(chunk, keyframe));
            }
        }
    }

    private void enqueue(Item item) {
        if (local) {
            if (item.chunk() == null) {
                fanOut.clear();
            } else {
                fanOut.append(item.chunk(), item.keyframe());
            }
            return;
        }
        queued.addAndGet(bytes(item));
        mailbox.add(item);
        if (scheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> {
                drain();
                fanOut.pumpAll();
                afterPass();
            });
        }
    }

    /**
     * Moves every chunk of the mailbox into the ring. Writes only before a clear, so that what was
     * queued before an overrun still reaches the viewers that can take it.
     */
    private void drain() {
        scheduled.set(false);
        Item item;
        while ((item = mailbox.poll()) != null) {
            queued.addAndGet(-bytes(item));
            if (item.chunk() == null) {
                fanOut.pumpAll();
                fanOut.clear();
            } else {
                fanOut.append(item.chunk(), item.keyframe());
            }
        }
    }

    private static long bytes(Item item) {
        return item.chunk() == null ? 0 : item.chunk().length();
    }

    private void afterPass() {
        fanOut.sweep(departures);
        account();
    }

    private void account() {
        long n = fanOut.drainBytesOut();
        if (n != 0) {
            bytesOut.addAndGet(n);
        }
    }
}
