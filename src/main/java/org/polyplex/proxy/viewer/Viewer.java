package org.polyplex.proxy.viewer;

import java.time.Instant;

import org.polyplex.proxy.memory.MemoryBudget;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.core.net.impl.ConnectionBase;

import io.netty.channel.ChannelOption;

/**
 * One viewer's connection to a channel session. Identity fields are immutable; the cursor and
 * counters are touched on its lane's event loop only (its connection's), so they need no
 * synchronisation.
 */
public final class Viewer extends ViewerIdentity {

    final HttpServerRequest request;
    final HttpServerResponse response;
    /** The context of the viewer's connection (its event loop), or null off Vert.x (tests). */
    private final Context context;

    /** What a snapshot reads of a viewer, on its lane's loop. */
    record Reading(Viewer viewer, long bytesOut, long lag) {
    }

    /** The lane that writes it; set on the session's context before the lane first sees it. */
    Lane lane;
    /** Its share of the memory budget; reserved on the session's context before it joins. */
    MemoryBudget.Reservation reservation;

    /** Next ring sequence to write, or -1 while waiting for a keyframe chunk. */
    long cursor = -1;
    long bytesOut;
    /** System.nanoTime() when the socket stopped taking data, or 0 when it is not stalled. */
    long stalledSince;
    /** Whether the memory budget holds this viewer's whole write bound (since it first fell behind). */
    boolean backlogAllowed;
    /** Why the viewer was ended, or null while it is live. */
    String endReason;

    /**
     * A viewer in a slot of its own.
     *
     * @param onGone runs once when the viewer leaves, however it leaves (connection-limit release)
     */
    public Viewer(long id, HttpServerRequest request, long userId, String username, String address, long channelId,
            Instant since, Runnable onGone) {
        this(id, request, userId, username, address, channelId, id, since, onGone);
    }

    /**
     * @param slot the connection slot the limiter counted it in (the id of the slot's first viewer)
     * @param onGone runs once when the viewer leaves, however it leaves (connection-limit release)
     */
    public Viewer(long id, HttpServerRequest request, long userId, String username, String address, long channelId,
            long slot, Instant since, Runnable onGone) {
        super(id, userId, username, address, channelId, slot, since, onGone);
        this.request = request;
        this.response = request.response();
        this.context = request instanceof HttpServerRequestInternal internal ? internal.context() : Vertx.currentContext();
    }

    /** The context of the viewer's connection, or null. */
    Context context() {
        return context;
    }

    /** The viewer's response, which the route answers on admission. */
    public HttpServerResponse response() {
        return response;
    }

    boolean ended() {
        return endReason != null;
    }

    /**
     * Drops the connection now, with whatever is still queued for it. Vert.x's own close (of the
     * response or the connection) first flushes the queue, which a peer that stopped reading never
     * takes: the socket would stay open holding megabytes of kernel send queue. So an HTTP/1.x
     * connection's channel is closed below Vert.x's handler, with SO_LINGER 0 so the kernel resets it and frees
     * its send queue at once instead of keeping an orphan; an HTTP/2 stream is reset alone, since
     * its connection may carry other streams.
     */
    void abort() {
        if (request.version() == HttpVersion.HTTP_2) {
            response.reset();
            return;
        }
        HttpConnection connection = request.connection();
        if (!(connection instanceof ConnectionBase base)) {
            response.close();
            return;
        }
        try {
            base.channel().config().setOption(ChannelOption.SO_LINGER, 0);
        } catch (RuntimeException e) {
            // Not a TCP socket: a plain close still releases the queued buffers.
        }
        // From Vert.x's own handler context, so the close skips that handler's flush-first close.
        base.channelHandlerContext().close();
    }
}
