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
import java.util.function.BooleanSupplier;

import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.catalog.CatalogSnapshot.Source;
import org.polyplex.proxy.config.ProxyConfig;
import org.polyplex.proxy.metrics.ProxyMetrics;
import org.polyplex.proxy.upstream.SourceGuard;
import org.polyplex.proxy.upstream.UpstreamFactory;

import io.quarkus.runtime.configuration.DurationConverter;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The data plane without Quarkus: a real {@link SessionRegistry} on a plain {@link Vertx}, a
 * front server on port 0 whose {@code GET /{channelId}?user=N} joins a viewer (no auth), and a
 * Vert.x client to play viewers. Waits are on futures and conditions with timeouts, never sleeps.
 */
final class ProxyHarness implements AutoCloseable {

    final Vertx vertx = Vertx.vertx();
    final ProxyConfig config;
    final ProxyMetrics metrics = new ProxyMetrics(new SimpleMeterRegistry());
    final SessionRegistry registry;
    final Map<Long, LiveChannel> channels = new ConcurrentHashMap<>();
    private final HttpClient upstreamClient;
    private final HttpClient viewerClient;
    private final HttpServer front;

    ProxyHarness(Map<String, String> overrides) {
        config = config(overrides);
        upstreamClient = UpstreamFactory.client(vertx, config);
        SourceGuard guard = new SourceGuard(config.failover().backoffInitial(), config.failover().backoffMax(),
                config.failover().breakerThreshold(), config.failover().breakerOpen(), System::nanoTime);
        registry = new SessionRegistry(vertx, config, Clock.systemUTC(), metrics, guard,
                UpstreamFactory.of(upstreamClient, config));
        viewerClient = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(5000).setKeepAlive(false));
        front = join(vertx.createHttpServer().requestHandler(request -> {
            long channelId = Long.parseLong(request.path().substring(1));
            String user = request.getParam("user", "1");
            long viewerId = registry.nextId();
            request.response().putHeader("X-Viewer", String.valueOf(viewerId));
            registry.join(channels.get(channelId), new Viewer(viewerId, request, Long.parseLong(user),
                    "user" + user, "127.0.0.1", channelId, Instant.now(), () -> {
                    }));
        }).listen(0, "127.0.0.1"));
    }

    /** {@link ProxyConfig} with its defaults and these overrides, as Quarkus would map it. */
    static ProxyConfig config(Map<String, String> overrides) {
        return new SmallRyeConfigBuilder().withMapping(ProxyConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(new HashMap<>(overrides), "test", 500)).build()
                .getConfigMapping(ProxyConfig.class);
    }

    LiveChannel channel(long id, Source... sources) {
        LiveChannel channel = new LiveChannel(id, null, "channel " + id, null, null, null, List.of(sources), Instant.now());
        channels.put(id, channel);
        return channel;
    }

    static Source source(long id, String url) {
        return new Source(id, url, (int) id, null);
    }

    static Source source(long id, String url, int cap) {
        return new Source(id, url, (int) id, cap);
    }

    /** Opens a viewer that reads as fast as it can and keeps the first {@code keep} bytes. */
    TestViewer open(long channelId, int keep) {
        TestViewer viewer = new TestViewer(keep);
        viewerClient.request(HttpMethod.GET, front.actualPort(), "127.0.0.1", "/" + channelId)
                .compose(request -> request.send())
                .onSuccess(viewer::attach)
                .onFailure(viewer.ended::completeExceptionally);
        return viewer;
    }

    int frontPort() {
        return front.actualPort();
    }

    /** Waits for a condition checked on a timer; fails after the timeout. */
    void await(String what, Duration timeout, BooleanSupplier condition) {
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

    static <T> T join(io.vertx.core.Future<T> future) {
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
    static final class TestViewer {
        private final int keep;
        final Buffer data = Buffer.buffer();
        final CompletableFuture<Void> ended = new CompletableFuture<>();
        volatile long total;
        volatile HttpClientResponse response;

        TestViewer(int keep) {
            this.keep = keep;
        }

        private void attach(HttpClientResponse r) {
            response = r;
            r.handler(chunk -> {
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

        int status() {
            return response == null ? 0 : response.statusCode();
        }

        byte[] bytes() {
            synchronized (data) {
                return data.getBytes();
            }
        }

        void close() {
            if (response != null) {
                response.request().connection().close();
            }
        }
    }
}
