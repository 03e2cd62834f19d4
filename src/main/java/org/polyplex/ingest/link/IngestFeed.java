package org.polyplex.ingest.link;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.polyplex.proxy.upstream.api.UpstreamListener;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;

/**
 * One publish's MPEG-TS, delivered to each subscribed channel session on that session's context.
 * Each subscriber has its own bound of bytes handed over and not yet taken; a subscriber past it is
 * dropped with a failure, never the publish or the other subscribers. Thread-safe: the producer
 * calls {@link #ts} from its own thread.
 */
public final class IngestFeed {

    private final long streamId;
    private final int maxInflightBytes;
    private final Consumer<IngestFeed> ended;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicBoolean over = new AtomicBoolean();
    private volatile String endReason;

    IngestFeed(long streamId, int maxInflightBytes, Consumer<IngestFeed> ended) {
        this.streamId = streamId;
        this.maxInflightBytes = maxInflightBytes;
        this.ended = ended;
    }

    public long streamId() {
        return streamId;
    }

    /** Channel sessions reading this feed now. */
    public int subscribers() {
        return subscribers.size();
    }

    /** The next bytes of the stream's TS, in order; the buffer must not change after the call. */
    public void ts(Buffer bytes) {
        for (Subscriber s : subscribers) {
            s.deliver(bytes);
        }
    }

    /** The publish ended: every subscriber hears it as its source's failure. Once. */
    public void end(String reason) {
        if (!over.compareAndSet(false, true)) {
            return;
        }
        endReason = reason;
        ended.accept(this);
        for (Subscriber s : subscribers) {
            s.fail("stream " + streamId + " ended: " + reason);
        }
    }

    /**
     * Subscribes a session's upstream; its listener is called on {@code context} only. When the feed
     * has ended already, the listener hears the failure (on the context) and nothing else.
     */
    Subscription subscribe(Context context, UpstreamListener listener) {
        Subscriber s = new Subscriber(context, listener);
        subscribers.add(s);
        if (over.get()) {
            s.fail("stream " + streamId + " ended: " + endReason);
        }
        return s;
    }

    /** A subscriber's handle: closing it stops the deliveries; no listener call follows. */
    interface Subscription {
        void close();
    }

    private final class Subscriber implements Subscription {
        private final Context context;
        private final UpstreamListener listener;
        private final AtomicLong inflight = new AtomicLong();
        private volatile boolean closed;

        Subscriber(Context context, UpstreamListener listener) {
            this.context = context;
            this.listener = listener;
        }

        void deliver(Buffer bytes) {
            int n = bytes.length();
            if (closed) {
                return;
            }
            if (inflight.addAndGet(n) > maxInflightBytes) {
                fail("the channel session fell " + maxInflightBytes + " bytes behind the published stream");
                return;
            }
            context.runOnContext(v -> {
                inflight.addAndGet(-n);
                if (!closed) {
                    listener.onData(bytes);
                }
            });
        }

        void fail(String reason) {
            if (closed) {
                return;
            }
            subscribers.remove(this);
            context.runOnContext(v -> {
                if (!closed) {
                    closed = true;
                    listener.onFailure(reason);
                }
            });
        }

        @Override
        public void close() {
            closed = true;
            subscribers.remove(this);
        }
    }
}
