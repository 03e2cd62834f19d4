package org.polyplex.ingest.rtmp;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.polyplex.ingest.publish.PublishGate;

import io.vertx.core.CompositeFuture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;

import org.jboss.logging.Logger;

/**
 * The RTMP publish server: a Vert.x {@link NetServer} on {@code rtmp-port}, and an RTMPS one on
 * {@code rtmps-port} when a certificate and key are configured. Each connection is an
 * {@link RtmpConnection} on its event loop; past {@code rtmp.max-connections} a new connection is
 * closed at once and counted. Port 0 in the config asks the OS for a free port (tests); the
 * listener only starts the server when the port is above 0.
 */
public final class RtmpServer {

    private static final Logger LOG = Logger.getLogger(RtmpServer.class);

    private final Vertx vertx;
    private final RtmpConfig config;
    private final PublishGate gate;
    private final RtmpStats stats = new RtmpStats();
    private final Set<RtmpConnection> connections = ConcurrentHashMap.newKeySet();
    private final List<NetServer> servers = new ArrayList<>();
    private NetServer plain;
    private NetServer tls;

    public RtmpServer(Vertx vertx, RtmpConfig config, PublishGate gate) {
        this.vertx = vertx;
        this.config = config;
        this.gate = gate;
    }

    /** Binds the listeners; completes when they accept connections. */
    public Future<Void> start() {
        NetServerOptions options = new NetServerOptions().setHost(config.host()).setPort(config.port())
                .setTcpNoDelay(true);
        plain = listen(options);
        Future<NetServer> started = plain.listen();
        if (config.tlsCert().isPresent() && config.tlsKey().isPresent()) {
            NetServerOptions secure = new NetServerOptions(options).setPort(config.tlsPort()).setSsl(true)
                    .setKeyCertOptions(new PemKeyCertOptions().setCertPath(config.tlsCert().get())
                            .setKeyPath(config.tlsKey().get()));
            tls = listen(secure);
            return CompositeFuture.all(started, tls.listen()).onSuccess(v -> LOG.infof(
                    "RTMP server listening on port %d, RTMPS on port %d", port(), tlsPort())).mapEmpty();
        }
        return started.onSuccess(s -> LOG.infof("RTMP server listening on port %d", port())).mapEmpty();
    }

    private NetServer listen(NetServerOptions options) {
        NetServer server = vertx.createNetServer(options).connectHandler(this::accept);
        servers.add(server);
        return server;
    }

    private void accept(NetSocket socket) {
        if (stats.open.incrementAndGet() > config.maxConnections()) {
            stats.open.decrementAndGet();
            stats.overCapacity.increment();
            LOG.debugf("RTMP connection from %s refused: %d connections open", socket.remoteAddress(),
                    config.maxConnections());
            socket.close();
            return;
        }
        stats.accepted.increment();
        RtmpConnection connection = new RtmpConnection(vertx, socket, config, gate, stats, c -> {
            if (connections.remove(c)) {
                stats.open.decrementAndGet();
            }
        });
        connections.add(connection);
        connection.start();
    }

    /** The bound RTMP port (the real one when the config asked for 0). */
    public int port() {
        return plain.actualPort();
    }

    /** The bound RTMPS port, or -1 without TLS. */
    public int tlsPort() {
        return tls == null ? -1 : tls.actualPort();
    }

    public RtmpStats stats() {
        return stats;
    }

    /** Stops listening and closes every connection (their sinks hear "server stopping"). */
    public Future<Void> stop() {
        for (RtmpConnection connection : List.copyOf(connections)) {
            connection.stop();
        }
        List<Future<?>> closing = servers.stream().<Future<?>> map(NetServer::close).toList();
        return Future.join(closing).mapEmpty();
    }
}
