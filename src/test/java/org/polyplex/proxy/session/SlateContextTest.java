package org.polyplex.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polyplex.proxy.ProxyHarness.source;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.polyplex.proxy.ProxyHarness;
import org.polyplex.proxy.ts.TsPacket;
import org.polyplex.proxy.viewer.Viewer;
import org.polyplex.testsupport.TsFixtures;
import org.polyplex.testsupport.TsServer;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two sessions on two event loops in fallback at once, sharing the slate file read once: each
 * session's slate runs on its own context, so every write to its viewers comes from its own
 * event loop.
 */
@Timeout(60)
class SlateContextTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int SLATE_PID = 0x1100;

    private ProxyHarness proxy;
    /** Per channel: the threads its viewer's response was written from. */
    private final Map<Long, Set<String>> writers = new ConcurrentHashMap<>();

    /** A front server on its own event loop: joins a viewer whose writes are recorded. */
    private final class Front extends AbstractVerticle {
        volatile int port;
        volatile String thread;

        @Override
        public void start(Promise<Void> started) {
            thread = Thread.currentThread().getName();
            vertx.createHttpServer().requestHandler(request -> {
                long channelId = Long.parseLong(request.path().substring(1));
                proxy.join(channelId, new Viewer(proxy.registry.nextId(),
                        recorded(request, writers.computeIfAbsent(channelId, id -> ConcurrentHashMap.newKeySet())),
                        1, "user1", "127.0.0.1", channelId, Instant.now(), () -> {
                        }));
            }).listen(0, "127.0.0.1").onSuccess(server -> port = server.actualPort()).<Void> mapEmpty()
                    .onComplete(started);
        }
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void shouldRunEachSessionsSlateOnItsOwnContextWhenTwoFallBackAtOnce() {
        String slate = TsFixtures.h264Variant(2, 300, "0x1100").toAbsolutePath().toString();
        proxy = new ProxyHarness(Map.of("polyplex.proxy.failover.fallback-slate", slate,
                "polyplex.proxy.failover.keepalive-max", "300ms", "polyplex.proxy.failover.breaker-threshold", "1000",
                "polyplex.proxy.session.tick", "50ms"));
        TsServer upstream = new TsServer(proxy.vertx, 4_000_000).start();
        proxy.channel(1, source(1, upstream.url("/error")));
        proxy.channel(2, source(2, upstream.url("/error")));
        Front a = new Front();
        Front b = new Front();
        ProxyHarness.join(proxy.vertx.deployVerticle(a));
        ProxyHarness.join(proxy.vertx.deployVerticle(b));
        assertThat(a.thread).as("two event loops").isNotEqualTo(b.thread);

        HttpClient client = proxy.vertx.createHttpClient();
        Buffer one = ProxyHarness.watch(client, a.port, 1);
        proxy.await("channel 1 plays the slate", WAIT, () -> hasSlate(one));
        // Channel 2 falls back while channel 1 still plays the slate it read first.
        Buffer two = ProxyHarness.watch(client, b.port, 2);
        proxy.await("channel 2 plays the slate too", WAIT, () -> hasSlate(two));
        assertThat(ProxyHarness.join(proxy.registry.snapshot()).sessions()).extracting(s -> s.state())
                .containsOnly("fallback");

        assertThat(writers.get(1L)).as("writes to channel 1's viewer").containsOnly(a.thread);
        assertThat(writers.get(2L)).as("writes to channel 2's viewer").containsOnly(b.thread);
    }

    private static boolean hasSlate(Buffer received) {
        byte[] ts;
        synchronized (received) {
            ts = received.getBytes();
        }
        for (int p = 0; p + TsPacket.SIZE <= ts.length; p += TsPacket.SIZE) {
            if (TsPacket.pid(ts, p) == SLATE_PID) {
                return true;
            }
        }
        return false;
    }

    /** The request as is, but its response records the thread of every write. */
    private static HttpServerRequest recorded(HttpServerRequest request, Set<String> threads) {
        HttpServerResponse real = request.response();
        HttpServerResponse response = (HttpServerResponse) Proxy.newProxyInstance(
                HttpServerResponse.class.getClassLoader(), new Class<?>[] { HttpServerResponse.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("write")) {
                        threads.add(Thread.currentThread().getName());
                    }
                    return invoke(real, method, args);
                });
        return (HttpServerRequest) Proxy.newProxyInstance(HttpServerRequest.class.getClassLoader(),
                new Class<?>[] { HttpServerRequest.class },
                (proxy, method, args) -> method.getName().equals("response") ? response : invoke(request, method, args));
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
