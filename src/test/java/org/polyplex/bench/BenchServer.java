package org.polyplex.bench;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.catalog.CatalogSnapshot.Source;
import org.polyplex.proxy.Responses;
import org.polyplex.proxy.config.ProxyConfig;
import org.polyplex.proxy.metrics.ProxyMetrics;
import org.polyplex.proxy.session.SessionEnvironment;
import org.polyplex.proxy.session.SessionRegistry;
import org.polyplex.proxy.upstream.UpstreamFactory;
import org.polyplex.proxy.viewer.HlsTokens;
import org.polyplex.proxy.viewer.Viewer;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The proxy's data plane alone in its own JVM, so that the benchmark can read its CPU time and
 * RSS apart from the load tool: the real {@link SessionRegistry} with default bounds, behind a
 * front server whose {@code GET /c/{id}?s=url1,url2} joins channel {@code id} with those source
 * URLs (fixed by the first viewer). No authentication: the credential check is
 * an in-memory memo and not what this measures. {@code GET /stats} answers the counters.
 * Prints {@code PORT <n>} when ready.
 */
public final class BenchServer {

    private BenchServer() {
    }

    public static void main(String[] args) {
        // as the application does with quarkus.vertx.prefer-native-transport=true
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        ProxyConfig config = new SmallRyeConfigBuilder().withMapping(ProxyConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withSources(new PropertiesConfigSource(Map.of("polyplex.proxy.session.tick", "100ms"), "bench", 500))
                .build().getConfigMapping(ProxyConfig.class);
        ProxyMetrics metrics = new ProxyMetrics(new SimpleMeterRegistry());
        SessionRegistry registry = new SessionRegistry(SessionEnvironment.of(vertx, config, metrics, Clock.systemUTC(),
                UpstreamFactory.of(UpstreamFactory.client(vertx, config), config)), new HlsTokens(System::nanoTime));
        Map<Long, LiveChannel> channels = new ConcurrentHashMap<>();
        vertx.createHttpServer().requestHandler(request -> {
            if (request.path().equals("/stats")) {
                System.gc();
                var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                request.response().end(new JsonObject().put("upstreams", metrics.upstreamsOpened())
                        .put("viewers", metrics.viewers()).put("skips", metrics.skips())
                        .put("evictions", metrics.evictions()).put("failovers", metrics.failovers())
                        .put("heapUsed", heap.getUsed()).encode());
                return;
            }
            long id = Long.parseLong(request.path().substring(3));
            LiveChannel channel = channels.computeIfAbsent(id, key -> {
                String[] urls = request.getParam("s").split(",");
                List<Source> sources = IntStream.range(0, urls.length)
                        .mapToObj(i -> new Source(key * 100 + i, urls[i], i, null)).toList();
                return new LiveChannel(key, null, "bench " + key, null, null, null, sources, Instant.now());
            });
            registry.join(channel, new Viewer(registry.nextId(), request, 1, "bench",
                    request.remoteAddress().host(), id, Instant.now(), () -> {
                    }), Responses.stream(request.response(), metrics));
        }).listen(0, "127.0.0.1").onSuccess(server -> {
            System.err.println("native transport: " + vertx.isNativeTransportEnabled());
            System.out.println("PORT " + server.actualPort());
        });
    }
}
