package org.polyplex.ingest.rtmp;

import java.util.function.ToDoubleFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.polyplex.ingest.publish.PublishGate;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import io.vertx.core.Vertx;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Starts the {@link RtmpServer} with the application when {@code polyplex.ingest.rtmp-port} is
 * above 0 and a {@link PublishGate} bean exists, and stops it on shutdown. Registers the server's
 * counters as {@code polyplex.ingest.rtmp.*} meters. A port that cannot be bound is logged as an
 * error and leaves the rest of the service running (as the SSDP responder does).
 */
@ApplicationScoped
public class RtmpListener {

    private static final Logger LOG = Logger.getLogger(RtmpListener.class);

    private final Vertx vertx;
    private final RtmpConfig config;
    private final Instance<PublishGate> gates;
    private final Instance<MeterRegistry> registries;
    private volatile RtmpServer server;

    RtmpListener(Vertx vertx, RtmpConfig config, Instance<PublishGate> gates, Instance<MeterRegistry> registries) {
        this.vertx = vertx;
        this.config = config;
        this.gates = gates;
        this.registries = registries;
    }

    void start(@Observes StartupEvent event) {
        if (config.port() == 0) {
            LOG.info("RTMP server off (polyplex.ingest.rtmp-port=0)");
            return;
        }
        if (!gates.isResolvable()) {
            LOG.warn("RTMP server not started: no publish gate is installed");
            return;
        }
        RtmpServer started = new RtmpServer(vertx, config, gates.get());
        server = started;
        if (registries.isResolvable()) {
            meters(registries.get(), started.stats());
        }
        started.start().onFailure(e -> LOG.errorf("RTMP server could not listen on port %d: %s", config.port(),
                e.getMessage()));
    }

    void stop(@Observes ShutdownEvent event) {
        RtmpServer running = server;
        if (running != null) {
            server = null;
            running.stop();
        }
    }

    /** The running server, for diagnostics; null when off. */
    public RtmpServer server() {
        return server;
    }

    private static void meters(MeterRegistry registry, RtmpStats stats) {
        Gauge.builder("polyplex.ingest.rtmp.connections", stats, RtmpStats::open).register(registry);
        counter(registry, "polyplex.ingest.rtmp.accepted", stats, RtmpStats::accepted);
        counter(registry, "polyplex.ingest.rtmp.over.capacity", stats, RtmpStats::overCapacity);
        counter(registry, "polyplex.ingest.rtmp.protocol.errors", stats, RtmpStats::protocolErrors);
        counter(registry, "polyplex.ingest.rtmp.timeouts", stats, RtmpStats::timeouts);
        counter(registry, "polyplex.ingest.rtmp.publishes", stats, RtmpStats::publishes);
        counter(registry, "polyplex.ingest.rtmp.refused.publishes", stats, RtmpStats::refusedPublishes);
    }

    private static void counter(MeterRegistry registry, String name, RtmpStats stats,
            ToDoubleFunction<RtmpStats> value) {
        FunctionCounter.builder(name, stats, value).register(registry);
    }
}
