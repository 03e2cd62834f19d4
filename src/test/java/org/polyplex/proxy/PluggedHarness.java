package org.polyplex.proxy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;

import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.catalog.CatalogSnapshot.Source;
import org.polyplex.proxy.config.ProxyConfig;
import org.polyplex.proxy.metrics.ProxyMetrics;
import org.polyplex.proxy.upstream.SourceGuard;
import org.polyplex.proxy.upstream.UpstreamFactory;

import io.quarkus.runtime.configuration.DurationConverter;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The data plane on a plain {@link Vertx} with the upstream kinds of issue 5 plugged in: a real
 * {@link SessionRegistry}, a front server on port 0 whose {@code GET /{channelId}} joins a viewer,
 * and Vert.x client viewers. The front also serves HLS output: the real {@link HlsRoutes} and
 * {@code GET /hls-join/{channelId}?user=N}, which admits an HLS viewer without authentication
 * (the data plane is what is measured) and answers 302 to its token playlist. Config mappings
 * (the proxy's and any other) come from one map of properties. Waits are on conditions with
 * timeouts, never sleeps.
 */
public final class PluggedHarness implements AutoCloseable {

    public final Vertx vertx = Vertx.vertx();
    public final SmallRyeConfig config;
    final ProxyConfig proxyConfig;
    final ProxyMetrics metrics = new ProxyMetrics(new SimpleMeterRegistry());
    public final SessionRegistry registry;
    private final Map<Long, LiveChannel> channels = new ConcurrentHashMap<>();
    private final HttpClient viewerClient;
    private final HttpServer front;

    /** @param factory makes the upstream factory from this Vert.x, the upstream client and the config */
    public PluggedHarness(Map<String, String> properties, List<Class<?>> mappings,
            BiFunction<HttpClient, PluggedHarness, UpstreamFactory> factory) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().withMapping(ProxyConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(new HashMap<>(properties), "test", 500));
        mappings.forEach(builder::withMapping);
        config = builder.build();
        proxyConfig = config.getConfigMapping(ProxyConfig.class);
        HttpClient upstreamClient = UpstreamFactory.client(vertx, proxyConfig);
        SourceGuard guard = new SourceGuard(proxyConfig.failover().backoffInitial(),
                proxyConfig.failover().backoffMax(), proxyConfig.failover().breakerThreshold(),
                proxyConfig.failover().breakerOpen(), System::nanoTime);
        registry = new SessionRegistry(vertx, proxyConfig, Clock.systemUTC(), metrics, guard,
                factory.apply(upstreamClient, this));
        viewerClient = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(5000).setKeepAlive(false));
        Router router = Router.router(vertx);
        router.routeWithRegex(HttpMethod.GET, "^/([0-9]{1,18})$").handler(ctx -> {
            long channelId = Long.parseLong(ctx.pathParam("param0"));
            long viewerId = registry.nextId();
            registry.join(channels.get(channelId), new Viewer(viewerId, ctx.request(), 1, "user1",
                    "127.0.0.1", channelId, Instant.now(), () -> {
                    }));
        });
        router.routeWithRegex(HttpMethod.GET, "^/hls-join/([0-9]{1,18})$").handler(ctx -> {
            long channelId = Long.parseLong(ctx.pathParam("param0"));
            String user = ctx.request().getParam("user");
            long userId = user == null ? 1 : Long.parseLong(user);
            HlsViewer viewer = new HlsViewer(registry.nextId(), registry.newToken(), userId, "user" + userId,
                    "127.0.0.1", channelId, Instant.now(), System.nanoTime(), () -> {
                    });
            registry.joinHls(channels.get(channelId), viewer).onComplete(ar -> {
                if (ar.succeeded()) {
                    ctx.response().setStatusCode(302).putHeader("Location", HlsRoutes.playlistPath(viewer)).end();
                } else {
                    StreamRoutes.error(ctx.response(), 503, "hls_unavailable", String.valueOf(ar.cause().getMessage()));
                }
            });
        });
        new HlsRoutes(registry, metrics, proxyConfig).init(router);
        front = join(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    }

    /** The front server's port (viewers, HLS admission and HLS output). */
    public int frontPort() {
        return front.actualPort();
    }

    /** Output segments cut so far, over all channels. */
    public double hlsSegmentsCut() {
        return metrics.hlsSegmentsCut();
    }

    public ProxyConfig proxyConfig() {
        return proxyConfig;
    }

    public void channel(long id, String... urls) {
        Source[] sources = new Source[urls.length];
        for (int i = 0; i < urls.length; i++) {
            sources[i] = new Source(id * 100 + i, urls[i], i, null);
        }
        channels.put(id, new LiveChannel(id, null, "channel " + id, null, null, null, List.of(sources),
                Instant.now()));
    }

    /** Opens a viewer that reads as fast as it can and keeps the first {@code keep} bytes. */
    public Watcher open(long channelId, int keep) {
        Watcher viewer = new Watcher(keep);
        viewerClient.request(HttpMethod.GET, front.actualPort(), "127.0.0.1", "/" + channelId)
                .compose(request -> request.send())
                .onSuccess(viewer::attach)
                .onFailure(viewer.ended::completeExceptionally);
        return viewer;
    }

    public int sessions() {
        return registry.sessionCount();
    }

    public double failovers() {
        return metrics.failovers();
    }

    /** Waits for a condition checked on a timer; fails after the timeout. */
    public void await(String what, Duration timeout, BooleanSupplier condition) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        long timer = vertx.setPeriodic(5, t -> {
            if (condition.getAsBoolean()) {
                done.complete(null);
            }
        });
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("timed out waiting for: " + what, e);
        } finally {
            vertx.cancelTimer(timer);
        }
    }

    public static <T> T join(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        join(vertx.close());
    }

    /** One viewer connection seen from the client side. */
    public static final class Watcher {
        private final int keep;
        private final Buffer data = Buffer.buffer();
        public final CompletableFuture<Void> ended = new CompletableFuture<>();
        public volatile long total;
        /** System.nanoTime() at open and at the first body byte (0 until then). */
        public final long openedNanos = System.nanoTime();
        public volatile long firstByteNanos;
        private volatile HttpClientResponse response;

        Watcher(int keep) {
            this.keep = keep;
        }

        private void attach(HttpClientResponse r) {
            response = r;
            r.handler(chunk -> {
                if (firstByteNanos == 0) {
                    firstByteNanos = System.nanoTime();
                }
                synchronized (data) {
                    if (data.length() < keep) {
                        data.appendBuffer(chunk, 0, Math.min(chunk.length(), keep - data.length()));
                    }
                }
                total += chunk.length();
            });
            r.endHandler(v -> ended.complete(null));
            r.exceptionHandler(ended::completeExceptionally);
        }

        public byte[] bytes() {
            synchronized (data) {
                return data.getBytes();
            }
        }

        public void close() {
            if (response != null) {
                response.request().connection().close();
            }
        }
    }
}
