package org.polyplex.ingest.rtmp;

import java.util.function.Consumer;

import org.polyplex.ingest.publish.PublishGate;
import org.polyplex.ingest.publish.PublishRefusal;
import org.polyplex.ingest.publish.PublishRequest;
import org.polyplex.ingest.publish.PublishSink;
import org.polyplex.ingest.rtmp.ConnectionState.Closed;
import org.polyplex.ingest.rtmp.ConnectionState.Connecting;
import org.polyplex.ingest.rtmp.ConnectionState.Gating;
import org.polyplex.ingest.rtmp.ConnectionState.Handshaking;
import org.polyplex.ingest.rtmp.ConnectionState.Publishing;
import org.polyplex.ingest.rtmp.wire.ChunkReader;
import org.polyplex.ingest.rtmp.wire.Handshake;
import org.polyplex.ingest.rtmp.wire.RtmpMessage;
import org.polyplex.ingest.rtmp.wire.RtmpProtocolException;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

import org.jboss.logging.Logger;

/**
 * One publisher's connection, on the event loop that accepted it: bytes in, the handshake, the
 * chunk stream, then {@link RtmpSession} for the messages. Reads stop (the socket pauses) while
 * the gate decides a publish and while the sink is not writable, so the publisher's socket backs
 * up instead of memory growing. Timers: the handshake timeout until the publish starts, then the
 * idle timeout on media. Every end goes through {@link #close}, which tells the sink once.
 */
final class RtmpConnection {

    private static final Logger LOG = Logger.getLogger(RtmpConnection.class);

    private final Vertx vertx;
    private final Context context;
    private final NetSocket socket;
    private final RtmpConfig config;
    private final PublishGate gate;
    private final RtmpStats stats;
    private final Consumer<RtmpConnection> closed;
    private final String remote;
    private final ChunkReader reader;
    private final RtmpSession session;
    private ConnectionState state = new Handshaking(new Handshake());
    private boolean paused;
    private long timer = -1;
    private long lastMedia;

    RtmpConnection(Vertx vertx, NetSocket socket, RtmpConfig config, PublishGate gate, RtmpStats stats,
            Consumer<RtmpConnection> closed) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.socket = socket;
        this.config = config;
        this.gate = gate;
        this.stats = stats;
        this.closed = closed;
        this.remote = String.valueOf(socket.remoteAddress());
        this.reader = new ChunkReader(config.maxMessageBytes(), config.maxChunkStreams());
        this.session = new RtmpSession(this, reader);
    }

    void start() {
        socket.handler(bytes -> guarded(() -> received(bytes)));
        socket.closeHandler(v -> close("closed by the client"));
        socket.exceptionHandler(e -> close("socket error " + e.getClass().getSimpleName()));
        timer = vertx.setTimer(config.handshakeTimeout().toMillis(), id -> {
            if (!(state instanceof Publishing)) {
                stats.timeouts.increment();
                close("no publish within " + config.handshakeTimeout());
            }
        });
        LOG.debugf("RTMP connection accepted from %s", remote);
    }

    ConnectionState state() {
        return state;
    }

    void state(ConnectionState next) {
        state = next;
    }

    void write(Buffer bytes) {
        socket.write(bytes);
    }

    /** A media or data message of the publish. */
    void media(PublishSink sink, int type, long timestamp, Buffer body) {
        lastMedia = System.nanoTime();
        sink.message(type, timestamp, body);
    }

    private void received(Buffer bytes) {
        if (state instanceof Handshaking handshaking) {
            Handshake handshake = handshaking.handshake();
            Buffer reply = handshake.feed(bytes);
            if (reply != null) {
                socket.write(reply);
            }
            if (!handshake.done()) {
                return;
            }
            state = new Connecting();
            bytes = handshake.rest();
        }
        if (state instanceof Closed) {
            return;
        }
        session.counted(bytes.length());
        reader.feed(bytes);
        drain();
    }

    /** Handles whole messages while reading is allowed; pauses the socket when it is not. */
    private void drain() {
        RtmpMessage message;
        while (readable() && (message = reader.poll()) != null) {
            session.handle(message);
        }
        if (state instanceof Closed || readable() || paused) {
            return;
        }
        paused = true;
        socket.pause();
        if (state instanceof Publishing publishing) {
            publishing.sink().drainHandler(() -> onContext(this::resume));
        }
    }

    private boolean readable() {
        if (state instanceof Publishing publishing) {
            return publishing.sink().writable();
        }
        return !(state instanceof Gating) && !(state instanceof Closed);
    }

    private void resume() {
        if (!paused || state instanceof Closed) {
            return;
        }
        paused = false;
        socket.resume();
        guarded(this::drain);
    }

    /** {@code publish}: reading stays stopped until the gate answers. */
    void publish(String app, String name) {
        int q = name.indexOf('?');
        String key = q < 0 ? name : name.substring(0, q);
        String query = q < 0 ? "" : name.substring(q + 1);
        if (key.isEmpty()) {
            refuse(PublishRefusal.Code.BAD_NAME, "No stream key.");
            return;
        }
        state = new Gating(app);
        Future<PublishSink> answer;
        try {
            answer = gate.open(new PublishRequest(app, key, query, socket.remoteAddress().hostAddress()));
        } catch (RuntimeException e) {
            answer = Future.failedFuture(e);
        }
        answer.onComplete(result -> onContext(() -> gated(app, result)));
    }

    private void gated(String app, AsyncResult<PublishSink> result) {
        if (state instanceof Closed) {
            if (result.succeeded()) {
                result.result().closed("connection closed before the publish started");
            }
            return;
        }
        if (result.failed()) {
            PublishRefusal.Code code = result.cause() instanceof PublishRefusal refusal ? refusal.code()
                    : PublishRefusal.Code.UNAUTHORIZED;
            refuse(code, "Publish refused.");
            return;
        }
        state = new Publishing(app, result.result());
        result.result().control(reason -> onContext(() -> close(reason)));
        stats.publishes.increment();
        LOG.infof("RTMP publish started from %s", remote);
        socket.write(session.commands().publishing());
        vertx.cancelTimer(timer);
        lastMedia = System.nanoTime();
        scheduleIdleCheck(config.idleTimeout().toMillis());
        resume();
    }

    private void refuse(PublishRefusal.Code code, String description) {
        stats.refusedPublishes.increment();
        LOG.infof("RTMP publish refused from %s: %s", remote, code);
        socket.write(session.commands().refused(code.status(), description));
        close("publish refused (" + code + ")");
    }

    private void scheduleIdleCheck(long delayMillis) {
        timer = vertx.setTimer(Math.max(1, delayMillis), id -> {
            if (!(state instanceof Publishing)) {
                return;
            }
            long idle = config.idleTimeout().toNanos() - (System.nanoTime() - lastMedia);
            if (paused) {
                lastMedia = System.nanoTime();
                scheduleIdleCheck(config.idleTimeout().toMillis());
            } else if (idle > 0) {
                scheduleIdleCheck(idle / 1_000_000);
            } else {
                stats.timeouts.increment();
                close("no media for " + config.idleTimeout());
            }
        });
    }

    /** Runs a step; a protocol error or malformed message closes the connection cleanly. */
    private void guarded(Runnable step) {
        try {
            step.run();
        } catch (RtmpProtocolException | IndexOutOfBoundsException e) {
            stats.protocolErrors.increment();
            close("protocol error: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warnf("RTMP connection from %s failed: %s", remote, e.getClass().getName());
            close("internal error");
        }
    }

    /** Ends the connection once: the sink of a publish hears the reason, the server forgets us. */
    void close(String reason) {
        if (state instanceof Closed) {
            return;
        }
        ConnectionState before = state;
        state = new Closed(reason);
        vertx.cancelTimer(timer);
        if (before instanceof Publishing publishing) {
            LOG.infof("RTMP publish from %s ended: %s", remote, reason);
            publishing.sink().closed(reason);
        } else {
            LOG.debugf("RTMP connection from %s closed: %s", remote, reason);
        }
        socket.close();
        closed.accept(this);
    }

    /** Closes from any thread, on the connection's event loop. */
    void stop() {
        onContext(() -> close("server stopping"));
    }

    private void onContext(Runnable step) {
        if (Vertx.currentContext() == context) {
            step.run();
        } else {
            context.runOnContext(v -> step.run());
        }
    }
}
