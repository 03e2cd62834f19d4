package org.polyplex.camera.health;

import java.net.URI;
import java.time.Duration;

import org.polyplex.camera.model.CameraTarget;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;

/**
 * A light RTSP probe of one camera over a Vert.x {@link NetClient}: {@code OPTIONS}, then
 * {@code DESCRIBE} (answering a Basic or Digest 401 once with the camera's credentials), never a
 * stream. Bounded in time (the whole exchange) and in bytes read. Non-blocking; its future completes
 * on the caller's context.
 */
public final class RtspProbe {

    private final Vertx vertx;
    private final NetClient client;
    private final NetClient tlsClient;
    private final Duration timeout;
    private final int maxBytes;

    /**
     * @param client for {@code rtsp://}; {@code tlsClient} for {@code rtsps://} (cameras' certificates are
     *        self-signed: it trusts any)
     */
    public RtspProbe(Vertx vertx, NetClient client, NetClient tlsClient, Duration timeout, int maxBytes) {
        this.vertx = vertx;
        this.client = client;
        this.tlsClient = tlsClient;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    /** What the exchange found; never fails (a failure is an outcome). */
    public Future<ProbeOutcome> probe(CameraTarget camera) {
        long started = System.nanoTime();
        URI uri = URI.create(camera.url());
        boolean tls = "rtsps".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 322 : 554;
        Promise<ProbeOutcome> done = Promise.promise();
        long timer = vertx.setTimer(timeout.toMillis(), t -> done.tryComplete(ProbeOutcome.failed(ProbeOutcome.Stage.TIMEOUT,
                "no complete answer within " + timeout.toMillis() + " ms", elapsed(started))));
        (tls ? tlsClient : client).connect(port, uri.getHost()).onComplete(connected -> {
            if (connected.failed()) {
                done.tryComplete(ProbeOutcome.failed(ProbeOutcome.Stage.CONNECT,
                        "cannot connect: " + connected.cause().getClass().getSimpleName() + " "
                                + connected.cause().getMessage(),
                        elapsed(started)));
                return;
            }
            NetSocket socket = connected.result();
            RtspExchange exchange = new RtspExchange(socket, camera.url(), camera.username(), camera.password(), maxBytes);
            done.future().onComplete(x -> socket.close());
            if (done.future().isComplete()) {
                return;
            }
            exchange.send("OPTIONS", null).compose(options -> {
                if (options.status() == 401) {
                    return Future.succeededFuture(ProbeOutcome.failed(ProbeOutcome.Stage.AUTH,
                            unauthorized("OPTIONS", camera), elapsed(started)));
                }
                if (options.status() / 100 != 2) {
                    return Future.succeededFuture(ProbeOutcome.failed(ProbeOutcome.Stage.OPTIONS,
                            "OPTIONS answered " + options.status() + " " + options.reason(), elapsed(started)));
                }
                return exchange.send("DESCRIBE", "application/sdp").map(describe -> describe.status() / 100 == 2
                        ? ProbeOutcome.ok(describe.body(), elapsed(started))
                        : describe.status() == 401
                                ? ProbeOutcome.failed(ProbeOutcome.Stage.AUTH, unauthorized("DESCRIBE", camera),
                                        elapsed(started))
                                : ProbeOutcome.failed(ProbeOutcome.Stage.DESCRIBE,
                                        "DESCRIBE answered " + describe.status() + " " + describe.reason(),
                                        elapsed(started)));
            }).onComplete(result -> {
                vertx.cancelTimer(timer);
                done.tryComplete(result.succeeded() ? result.result()
                        : ProbeOutcome.failed(exchange.answered() ? ProbeOutcome.Stage.DESCRIBE : ProbeOutcome.Stage.OPTIONS,
                                result.cause().getMessage(), elapsed(started)));
            });
        });
        return done.future();
    }

    private static String unauthorized(String method, CameraTarget camera) {
        return method + " answered 401 Unauthorized: " + (camera.username() == null
                ? "the camera needs a username and password"
                : "wrong username or password");
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Requests and responses on one connection, one at a time, with a bounded read buffer. */
    private static final class RtspExchange {

        private final NetSocket socket;
        private final String url;
        private final String user;
        private final String password;
        private final int maxBytes;
        private final byte[] received;
        private int length;
        private int cseq;
        private int responses;
        private Promise<RtspResponse> pending;

        RtspExchange(NetSocket socket, String url, String user, String password, int maxBytes) {
            this.socket = socket;
            this.url = url;
            this.user = user;
            this.password = password;
            this.maxBytes = maxBytes;
            this.received = new byte[maxBytes];
            socket.handler(this::bytes);
            socket.closeHandler(v -> fail("the camera closed the connection"));
            socket.exceptionHandler(e -> fail("connection error: " + e.getMessage()));
        }

        boolean answered() {
            return responses > 0;
        }

        /** Sends a request; answers a 401 once with the credentials (when there are any). */
        Future<RtspResponse> send(String method, String accept) {
            return request(method, accept, null).compose(r -> {
                if (r.status() != 401 || user == null) {
                    return Future.succeededFuture(r);
                }
                var challenge = DigestAuth.best(r.headers("www-authenticate"));
                if (challenge.isEmpty()) {
                    return Future.succeededFuture(r);
                }
                return request(method, accept, DigestAuth.authorization(challenge.get(), method, url, user, password));
            });
        }

        private Future<RtspResponse> request(String method, String accept, String authorization) {
            pending = Promise.promise();
            StringBuilder req = new StringBuilder(method).append(' ').append(url).append(" RTSP/1.0\r\nCSeq: ")
                    .append(++cseq).append("\r\nUser-Agent: Polyplex camera probe\r\n");
            if (accept != null) {
                req.append("Accept: ").append(accept).append("\r\n");
            }
            if (authorization != null) {
                req.append("Authorization: ").append(authorization).append("\r\n");
            }
            socket.write(req.append("\r\n").toString());
            return pending.future();
        }

        private void bytes(Buffer data) {
            if (length + data.length() > maxBytes) {
                fail("the answer is larger than " + maxBytes + " bytes");
                return;
            }
            data.getBytes(0, data.length(), received, length);
            length += data.length();
            RtspResponse.Parse parsed = RtspResponse.parse(received, length);
            if (parsed instanceof RtspResponse.Garbage g) {
                fail("not an RTSP server: it answered " + g.what());
            } else if (parsed instanceof RtspResponse.Complete c) {
                System.arraycopy(received, c.consumed(), received, 0, length - c.consumed());
                length -= c.consumed();
                responses++;
                Promise<RtspResponse> p = pending;
                pending = null;
                if (p != null) {
                    p.tryComplete(c.response());
                }
            }
        }

        private void fail(String reason) {
            Promise<RtspResponse> p = pending;
            pending = null;
            if (p != null) {
                p.tryFail(reason);
            }
        }
    }
}
