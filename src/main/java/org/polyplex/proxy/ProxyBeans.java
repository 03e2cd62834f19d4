package org.polyplex.proxy;

import java.time.Clock;
import java.time.Duration;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.polyplex.proxy.upstream.SourceGuard;
import org.polyplex.proxy.upstream.UpstreamFactory;
import org.polyplex.proxy.upstream.ace.AceStreamConfig;
import org.polyplex.proxy.upstream.ace.AceStreamEngine;
import org.polyplex.proxy.upstream.hls.HlsConfig;
import org.polyplex.proxy.upstream.hls.HlsSources;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Wires the plain data-plane classes (which tests build without CDI) into the application: the
 * upstream HTTP client, source guard, metrics, limiter and session registry.
 */
@ApplicationScoped
public class ProxyBeans {

    private HttpClient client;
    private SessionRegistry registry;

    @Produces
    @Singleton
    ProxyMetrics metrics(MeterRegistry meters) {
        return new ProxyMetrics(meters);
    }

    @Produces
    @Singleton
    ConnectionLimiter limiter(ProxyConfig config) {
        return new ConnectionLimiter(config.limits().policy(), config.limits().sameViewerWindow(), System::nanoTime);
    }

    @Produces
    @Singleton
    SessionRegistry registry(Vertx vertx, ProxyConfig config, Clock clock, ProxyMetrics metrics,
            AceStreamConfig aceConfig, HlsConfig hlsConfig) {
        client = upstreamClient(vertx, config);
        SourceGuard guard = new SourceGuard(config.failover().backoffInitial(), config.failover().backoffMax(),
                config.failover().breakerThreshold(), config.failover().breakerOpen(), System::nanoTime);
        registry = new SessionRegistry(vertx, config, clock, metrics, guard,
                upstreamFactory(client, config, new AceStreamEngine(vertx, client, aceConfig),
                        new HlsSources(vertx, client, hlsConfig.upstream())));
        return registry;
    }

    /** The client all sessions share: no keep-alive, so closing an upstream closes its socket. */
    public static HttpClient upstreamClient(Vertx vertx, ProxyConfig config) {
        return vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.upstream().connectTimeout().toMillis())
                .setKeepAlive(false)
                .setMaxPoolSize(Math.max(config.session().maxSessions(), 1))
                .setTryUseCompression(false));
    }

    public static UpstreamFactory upstreamFactory(HttpClient client, ProxyConfig config) {
        return upstreamFactory(client, config, null, null);
    }

    /** @param ace the AceStream engine, or null to skip AceStream sources; likewise {@code hls} */
    public static UpstreamFactory upstreamFactory(HttpClient client, ProxyConfig config, AceStreamEngine ace,
            HlsSources hls) {
        long guardMs = Math.max(config.upstream().firstByteTimeout().toMillis(), config.upstream().idleTimeout().toMillis());
        return new UpstreamFactory(client, config.upstream().maxRedirects(), Duration.ofMillis(guardMs * 2), ace, hls);
    }

    @PreDestroy
    void shutdown() {
        if (registry != null) {
            registry.closeAll("server shutting down");
        }
        if (client != null) {
            client.close();
        }
    }
}
