package org.polyplex.proxy;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.polyplex.proxy.config.ProxyConfig;
import org.polyplex.proxy.metrics.ProxyMetrics;
import org.polyplex.proxy.session.SessionEnvironment;
import org.polyplex.proxy.session.SessionRegistry;
import org.polyplex.proxy.upstream.UpstreamFactory;
import org.polyplex.proxy.upstream.ace.AceStreamConfig;
import org.polyplex.proxy.upstream.ace.AceStreamEngine;
import org.polyplex.proxy.upstream.api.UpstreamKind;
import org.polyplex.proxy.upstream.hls.HlsConfig;
import org.polyplex.proxy.upstream.hls.HlsSources;
import org.polyplex.proxy.viewer.HlsTokens;

import io.quarkus.logging.Log;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Wires the plain data-plane classes (which tests build without CDI) into the application: the
 * metrics, the connection limiter, the HLS tokens, the upstream factory (with its shared HTTP
 * client) and the session registry with its environment.
 */
@ApplicationScoped
public class ProxyBeans {

    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(3);

    private HttpClient client;
    private SessionRegistry registry;
    private AceStreamEngine ace;

    @Produces
    @Singleton
    ProxyMetrics metrics(MeterRegistry meters) {
        return new ProxyMetrics(meters);
    }

    @Produces
    @Singleton
    ConnectionLimiter limiter(ProxyConfig config) {
        if (config.limits().sameViewerWindow().isPresent()) {
            Log.warn("polyplex.proxy.limits.same-viewer-window is retired and ignored: viewers of one line on one"
                    + " channel from one address now share a connection slot (see limits.max-shared-viewers);"
                    + " remove the setting");
        }
        return new ConnectionLimiter(config.limits().policy(), config.limits().maxSharedViewers());
    }

    @Produces
    @Singleton
    HlsTokens tokens() {
        return new HlsTokens(System::nanoTime);
    }

    /**
     * Every kind of source this node plays: HLS, AceStream and HTTP TS, plus the kinds other
     * features contribute as {@link UpstreamKind} beans (asked first).
     */
    @Produces
    @Singleton
    UpstreamFactory upstreams(Vertx vertx, ProxyConfig config, AceStreamConfig aceConfig, HlsConfig hlsConfig,
            Instance<UpstreamKind> contributed) {
        client = UpstreamFactory.client(vertx, config);
        ace = new AceStreamEngine(vertx, client, aceConfig);
        return UpstreamFactory.of(client, config, ace, new HlsSources(vertx, client, hlsConfig.upstream()),
                contributed.stream().toList());
    }

    @Produces
    @Singleton
    SessionRegistry registry(Vertx vertx, ProxyConfig config, Clock clock, ProxyMetrics metrics,
            UpstreamFactory upstreams, HlsTokens tokens) {
        registry = new SessionRegistry(SessionEnvironment.of(vertx, config, metrics, clock, upstreams), tokens);
        Log.infof("proxy memory budget: %d MiB for rings, HLS windows and viewers' backlogs",
                registry.memory().total() >> 20);
        return registry;
    }

    /**
     * Closes the sessions, then waits (bounded) for the AceStream stop commands they sent before
     * the client goes: closing it at once would drop them and leave engine sessions running. The
     * wait happens only off the event loop (Quarkus destroys beans on its main thread); on an
     * event loop it would block the very loop the sessions close on.
     */
    @PreDestroy
    void shutdown() {
        if (registry != null && Context.isOnEventLoopThread()) {
            registry.closeAll("server shutting down");
        } else if (registry != null) {
            try {
                registry.closeAll("server shutting down").compose(v -> ace.commandsSent()).toCompletionStage()
                        .toCompletableFuture().get(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                Log.infof("sessions not all closed within %d ms at shutdown", SHUTDOWN_GRACE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (client != null) {
            client.close();
        }
    }
}
