package org.polyplex.proxy.session;

import java.util.ArrayList;
import java.util.List;

import org.polyplex.proxy.ts.ChunkSink;
import org.polyplex.proxy.ts.PacketRing;

import io.quarkus.logging.Log;

import io.vertx.core.buffer.Buffer;

/**
 * The taps of one session, behind its viewers on the chunk path: each chunk goes to the viewers
 * first, then to every tap. A new tap starts at the ring's newest keyframe, or waits for the next
 * one. A sink that throws is detached and told so; it can never stop the viewers' chunks. Confined
 * to the session's context.
 */
final class Taps implements ChunkSink {

    /** One attached tap; {@code started} once it had its first keyframe. */
    static final class Entry {
        final String purpose;
        final TapSink sink;
        boolean started;

        Entry(String purpose, TapSink sink) {
            this.purpose = purpose;
            this.sink = sink;
        }
    }

    private final long sessionId;
    private final ChunkSink viewers;
    private final Runnable detached;
    private final List<Entry> taps = new ArrayList<>();

    /** @param detached told after a failing tap was detached, so the session can see if anything still holds it */
    Taps(long sessionId, ChunkSink viewers, Runnable detached) {
        this.sessionId = sessionId;
        this.viewers = viewers;
        this.detached = detached;
    }

    int size() {
        return taps.size();
    }

    /** Attaches a tap and hands it the GOP cache, when the ring has a keyframe. */
    void add(Entry tap, PacketRing ring) {
        taps.add(tap);
        long from = ring.lastKeyframe();
        for (long seq = from; from >= 0 && seq < ring.head() && taps.contains(tap); seq++) {
            deliver(tap, ring.get(seq), ring.isKeyframe(seq));
        }
    }

    /** Detaches a tap; false when it was not attached (closed twice, or ended already). */
    boolean remove(Entry tap) {
        return taps.remove(tap);
    }

    @Override
    public void chunk(Buffer packets, boolean keyframe) {
        viewers.chunk(packets, keyframe);
        for (int i = 0; i < taps.size(); i++) {
            Entry tap = taps.get(i);
            if (!deliver(tap, packets, keyframe)) {
                i--;
            }
        }
    }

    /** Tells every tap the session ended, and forgets them. */
    void endAll(String reason) {
        List<Entry> ending = new ArrayList<>(taps);
        taps.clear();
        for (Entry tap : ending) {
            ended(tap, reason);
        }
    }

    /** False when the sink failed and was detached. */
    private boolean deliver(Entry tap, Buffer packets, boolean keyframe) {
        if (!tap.started && !keyframe) {
            return true;
        }
        tap.started = true;
        try {
            tap.sink.chunk(packets, keyframe);
            return true;
        } catch (RuntimeException e) {
            Log.warnf("session=%d tap %s failed and is detached: %s", sessionId, tap.purpose, e.toString());
            taps.remove(tap);
            ended(tap, "the tap failed: " + e.getClass().getSimpleName());
            detached.run();
            return false;
        }
    }

    private void ended(Entry tap, String reason) {
        try {
            tap.sink.ended(reason);
        } catch (RuntimeException e) {
            Log.warnf("session=%d tap %s failed on its end: %s", sessionId, tap.purpose, e.toString());
        }
    }
}
