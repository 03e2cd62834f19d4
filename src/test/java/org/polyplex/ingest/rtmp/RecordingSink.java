package org.polyplex.ingest.rtmp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.polyplex.ingest.publish.PublishSink;

import io.vertx.core.buffer.Buffer;

/** Records what a publish hands its sink; {@link #writable(boolean)} simulates a full sink. */
final class RecordingSink implements PublishSink {

    record Message(int type, long timestamp, Buffer body) {
    }

    final List<Message> messages = new CopyOnWriteArrayList<>();
    final AtomicInteger closedCount = new AtomicInteger();
    final CountDownLatch closed = new CountDownLatch(1);
    volatile String reason;
    /** The thread that delivered the first message: the connection's event loop. */
    volatile String thread;
    private volatile boolean writable = true;
    private volatile int writableFor = Integer.MAX_VALUE;
    private volatile Runnable drain;

    @Override
    public void message(int type, long timestamp, Buffer body) {
        if (thread == null) {
            thread = Thread.currentThread().getName();
        }
        messages.add(new Message(type, timestamp, body.copy()));
        if (messages.size() >= writableFor) {
            writable = false;
        }
    }

    @Override
    public boolean writable() {
        return writable;
    }

    @Override
    public void drainHandler(Runnable drained) {
        drain = drained;
    }

    @Override
    public void closed(String why) {
        reason = why;
        closedCount.incrementAndGet();
        closed.countDown();
    }

    /** Stops being writable once this many messages arrived. */
    void fullAfter(int count) {
        writableFor = count;
    }

    /** Writable again: runs the drain handler the server left. */
    void drained() {
        writableFor = Integer.MAX_VALUE;
        writable = true;
        Runnable handler = drain;
        drain = null;
        if (handler != null) {
            handler.run();
        }
    }

    boolean hasDrainHandler() {
        return drain != null;
    }

    List<Message> of(int type) {
        return messages.stream().filter(m -> m.type() == type).toList();
    }
}
