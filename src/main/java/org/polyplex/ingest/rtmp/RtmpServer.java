package org.polyplex.ingest.rtmp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.polyplex.ingest.publish.PublishGate;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
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
    private final List<String> deployments = new CopyOnWriteArrayList<>();
    private volatile int plainPort = -1;
    private volatile int tlsPort = -1;

    public RtmpServer(Vertx vertx, RtmpConfig config, PublishGate gate) {
        this.vertx = vertx;
        this.config = config;
        this.gate = gate;
    }

    /**
     * Binds the listeners; completes when they accept connections. Each listener is bound once
     * per event loop ({@code rtmp.event-loops}), all on the same port, so Vert.x hands
     * new connections to the loops in turn and publishers do not all share one core.
     */
    public Future<Void> start() {
        int loops = config.eventLoops() > 0 ? config.eventLoops() : Runtime.getRuntime().availableProcessors();
        NetServerOptions options = new NetServerOptions().setHost(config.host()).setPort(concrete(config.port(), loops))
                .setTcpNoDelay(true);
        Future<Void> started = listen(options, loops).onSuccess(port -> plainPort = port).mapEmpty();
        if (config.tlsCert().isPresent() && config.tlsKey().isPresent()) {
            NetServerOptions secure = new NetServerOptions(options).setPort(concrete(config.tlsPort(), loops)).setSsl(true)
                    .setKeyCertOptions(new PemKeyCertOptions().setCertPath(config.tlsCert().get())
                            .setKeyPath(config.tlsKey().get()));
            Future<Void> secured = listen(secure, loops).onSuccess(port -> tlsPort = port).mapEmpty();
            return Future.all(started, secured).onSuccess(v -> LOG.infof(
                    "RTMP server listening on port %d, RTMPS on port %d (%d event loops)", port(), tlsPort(), loops))
                    .mapEmpty();
        }
        return started.onSuccess(v -> LOG.infof("RTMP server listening on port %d (%d event loops)", port(), loops));
    }

    /**
     * Vert.x shares a listening socket among the instances that bind the same host and port, but
     * not a random one: port 0 (tests) is first turned into a free port of the system's choosing.
     */
    private static int concrete(int port, int loops) {
        if (port != 0 || loops == 1) {
            return port;
        }
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the RTMP server", e);
        }
    }

    /**
     * One acceptor per event loop, in one deployment: Vert.x shares the bound socket among them
     * and hands out connections in turn.
     */
    private Future<Integer> listen(NetServerOptions options, int loops) {
        List<Integer> ports = new CopyOnWriteArrayList<>();
        return vertx.deployVerticle(() -> new Acceptor(options, ports), new DeploymentOptions().setInstances(loops))
                .compose(id -> {
                    deployments.add(id);
                    if (ports.stream().distinct().count() != 1) {
                        return Future.failedFuture("the RTMP listeners bound different ports: " + ports);
                    }
                    return Future.succeededFuture(ports.get(0));
                });
    }

    /** A listener bound on its own event loop; its connections run there. */
    private final class Acceptor extends AbstractVerticle {
        private final NetServerOptions options;
        private final List<Integer> ports;

        Acceptor(NetServerOptions options, List<Integer> ports) {
            this.options = options;
            this.ports = ports;
        }

        @Override
        public void start(Promise<Void> done) {
            vertx.createNetServer(options).connectHandler(RtmpServer.this::accept).listen().onSuccess(server -> {
                ports.add(server.actualPort());
                done.complete();
            }).onFailure(done::fail);
        }
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
        return plainPort;
    }

    /** The bound RTMPS port, or -1 without TLS. */
    public int tlsPort() {
        return tlsPort;
    }

    public RtmpStats stats() {
        return stats;
    }

    /** Stops listening and closes every connection (their sinks hear "server stopping"). */
    public Future<Void> stop() {
        for (RtmpConnection connection : List.copyOf(connections)) {
            connection.stop();
        }
        List<Future<?>> closing = deployments.stream().<Future<?>> map(vertx::undeploy).toList();
        deployments.clear();
        return Future.join(closing).mapEmpty();
    }
}
