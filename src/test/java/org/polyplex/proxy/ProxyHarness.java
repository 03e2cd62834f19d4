package org.polyplex.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.catalog.CatalogSnapshot.Source;
import org.polyplex.proxy.config.ProxyConfig;
import org.polyplex.proxy.metrics.ProxyMetrics;
import org.polyplex.proxy.session.SessionEnvironment;
import org.polyplex.proxy.session.SessionRegistry;
import org.polyplex.proxy.ts.TsPacket;
import org.polyplex.proxy.upstream.UpstreamFactory;
import org.polyplex.proxy.viewer.HlsTokens;
import org.polyplex.proxy.viewer.HlsViewer;
import org.polyplex.proxy.viewer.Viewer;
import org.polyplex.testsupport.TestConfigs;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.impl.VertxInternal;
import io.vertx.ext.web.Router;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.SmallRyeConfig;

/**
 * The one harness of the proxy tests. As an instance: the data plane on a plain {@link Vertx}
 * without Quarkus (a real {@link SessionRegistry}, the upstream kinds a test plugs in) behind a
 * front server on port 0: {@code GET /{channelId}?user=N} joins a TS viewer and {@code GET
 * /hls-join/{channelId}?user=N} admits an HLS viewer and answers 302 to its token playlist (no
 * authentication: the data plane is what is tested), and the real {@link HlsRoutes} serve HLS.
 * Vert.x client viewers play it. Its static methods play streams against the running Quarkus app
 * with the JDK client, or with ffmpeg as a real player, for {@code @QuarkusTest}s. Config mappings come from one map of
 * properties
 * through {@link TestConfigs}; every wait is an Awaitility condition with a timeout.
 */
public final class ProxyHarness implements AutoCloseable {

    /** The JDK's client (HTTP/1.1, streaming bodies) for the running application; Vert.x's plays the harness. */
    private static final java.net.http.HttpClient APP_CLIENT = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * A harness property, not a Polyplex one: the number of event loops the front server accepts
     * viewers on (default 1; the application uses two per core).
     */
    public static final String FRONT_LOOPS = "harness.front-loops";

    public final Vertx vertx = Vertx.vertx();
    public final SmallRyeConfig config;
    public final ProxyMetrics metrics = new ProxyMetrics(new SimpleMeterRegistry());
    public final SessionRegistry registry;
    public final HlsTokens tokens;
    private final ProxyConfig proxyConfig;
    private final Map<Long, LiveChannel> channels = new ConcurrentHashMap<>();
    private final HttpClient viewerClient;
    private final HttpServer front;

    /** HTTP MPEG-TS sources only, on the system clock. */
    public ProxyHarness(Map<String, String> properties) {
        this(properties, List.of(), (client, h) -> UpstreamFactory.of(client, h.proxyConfig()));
    }

    /**
     * @param mappings config mappings besides {@link ProxyConfig}, read with {@link #config(Class)}
     * @param factory makes the upstream factory from the upstream client and this harness
     */
    public ProxyHarness(Map<String, String> properties, List<Class<?>> mappings,
            BiFunction<HttpClient, ProxyHarness, UpstreamFactory> factory) {
        this(properties, mappings, factory, System::nanoTime);
    }

    /** As the other constructors, with the sessions' monotonic clock given (a manual one in a test). */
    public ProxyHarness(Map<String, String> properties, List<Class<?>> mappings,
            BiFunction<HttpClient, ProxyHarness, UpstreamFactory> factory, LongSupplier nanoTime) {
        Map<String, Class<?>> all = new HashMap<>();
        all.put(ProxyConfig.class.getName(), ProxyConfig.class);
        mappings.forEach(mapping -> all.put(mapping.getName(), mapping));
        config = TestConfigs.config(all, properties);
        proxyConfig = config.getConfigMapping(ProxyConfig.class);
        UpstreamFactory upstreams = factory.apply(UpstreamFactory.client(vertx, proxyConfig), this);
        tokens = new HlsTokens(nanoTime);
        registry = new SessionRegistry(
                SessionEnvironment.of(vertx, proxyConfig, metrics, Clock.systemUTC(), upstreams, nanoTime), tokens);
        viewerClient = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(5000).setKeepAlive(false));
        Router router = Router.router(vertx);
        router.routeWithRegex(HttpMethod.GET, "^/([0-9]{1,18})$").handler(ctx -> joinTs(ctx.request()));
        router.routeWithRegex(HttpMethod.GET, "^/hls-join/([0-9]{1,18})$").handler(ctx -> joinHls(ctx.request()));
        new HlsRoutes(registry, tokens, metrics, proxyConfig).init(router);
        // With several loops: one server per event loop on one port, which Vert.x shares among them
        // and spreads the connections over, as it does the application's, so viewers of one session
        // live on several loops. Vert.x shares a given port, not port 0: a free one is picked first.
        int loops = Integer.parseInt(properties.getOrDefault(FRONT_LOOPS, "1"));
        int port = loops > 1 ? freePort() : 0;
        front = join(vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1"));
        for (int i = 1; i < loops; i++) {
            Context loop = ((VertxInternal) vertx).createEventLoopContext();
            CompletableFuture<HttpServer> more = new CompletableFuture<>();
            loop.runOnContext(v -> vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1")
                    .onComplete(r -> {
                        if (r.succeeded()) {
                            more.complete(r.result());
                        } else {
                            more.completeExceptionally(r.cause());
                        }
                    }));
            more.join();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void joinTs(HttpServerRequest request) {
        long channelId = Long.parseLong(request.path().substring(1));
        long viewerId = registry.nextId();
        request.response().putHeader("X-Viewer", String.valueOf(viewerId));
        request.response().putHeader("X-Loop", Thread.currentThread().getName());
        join(channelId, new Viewer(viewerId, request, user(request), "user" + user(request), "127.0.0.1", channelId,
                Instant.now(), () -> {
                }));
    }

    private void joinHls(HttpServerRequest request) {
        long channelId = Long.parseLong(request.path().substring("/hls-join/".length()));
        HlsViewer viewer = tokens.newViewer(registry.nextId(), user(request), "user" + user(request), "127.0.0.1",
                channelId, Instant.now(), () -> {
                });
        registry.joinHls(channels.get(channelId), viewer,
                Responses.playlistRedirect(request.response(), viewer, metrics));
    }

    private static long user(HttpServerRequest request) {
        String user = request.getParam("user");
        return user == null ? 1 : Long.parseLong(user);
    }

    /** Joins a TS viewer to its channel's session, answered as the stream route answers it. */
    public void join(long channelId, Viewer viewer) {
        registry.join(channels.get(channelId), viewer, Responses.stream(viewer.response(), metrics));
    }

    public ProxyConfig proxyConfig() {
        return proxyConfig;
    }

    /** Another config mapping of this harness (one passed to the constructor). */
    public <T> T config(Class<T> mapping) {
        return config.getConfigMapping(mapping);
    }

    /** The front server's port (TS viewers, HLS admission and HLS output). */
    public int frontPort() {
        return front.actualPort();
    }

    public LiveChannel channel(long id, Source... sources) {
        LiveChannel channel = new LiveChannel(id, null, "channel " + id, null, null, null, List.of(sources), Instant.now());
        channels.put(id, channel);
        return channel;
    }

    /** A channel of these source URLs, with ids {@code id * 100 + i}, in this failover order. */
    public LiveChannel channel(long id, String... urls) {
        Source[] sources = new Source[urls.length];
        for (int i = 0; i < urls.length; i++) {
            sources[i] = new Source(id * 100 + i, urls[i], i, null);
        }
        return channel(id, sources);
    }

    public static Source source(long id, String url) {
        return new Source(id, url, (int) id, null);
    }

    /** A source with a connection cap. */
    public static Source source(long id, String url, int cap) {
        return new Source(id, url, (int) id, cap);
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

    /** Output segments cut so far, over all channels. */
    public double hlsSegmentsCut() {
        return metrics.hlsSegmentsCut();
    }

    /** Waits until the condition holds, polled off the event loops; an {@link AssertionError} after the timeout. */
    public void await(String what, Duration timeout, BooleanSupplier condition) {
        until(what, timeout, condition);
    }

    private static void until(String what, Duration timeout, BooleanSupplier condition) {
        try {
            Awaitility.await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                    .until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("timed out waiting for: " + what, e);
        }
    }

    /** The future's result, waited for at most 10 s. */
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

    /**
     * Watches {@code /<channelId>} on the Vert.x client and answers the buffer the body accumulates
     * in (synchronize on it to read).
     */
    public static Buffer watch(HttpClient client, int port, long channelId) {
        Buffer received = Buffer.buffer();
        client.request(HttpMethod.GET, port, "127.0.0.1", "/" + channelId).compose(r -> r.send())
                .onSuccess(response -> response.handler(chunk -> {
                    synchronized (received) {
                        received.appendBuffer(chunk);
                    }
                }));
        return received;
    }

    /** Opens a stream of the running application; the caller reads and closes the body. */
    public static HttpResponse<InputStream> play(String baseUrl, String path) {
        return play(baseUrl, path, Map.of());
    }

    /** As {@link #play(String, String)}, with request headers (such as a proxy's {@code X-Forwarded-For}). */
    public static HttpResponse<InputStream> play(String baseUrl, String path, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(20));
            headers.forEach(request::header);
            return APP_CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Reads {@code bytes} bytes of a stream of the running application (fewer at its end). */
    public static byte[] read(HttpResponse<InputStream> stream, int bytes) {
        try {
            return stream.body().readNBytes(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The PID of a stream's first packet that is not a keepalive null packet (a viewer waiting for
     * the first keyframe gets those); -1 when none came within {@code maxPackets}.
     */
    public static int firstPidAfterKeepalive(HttpResponse<InputStream> stream, int maxPackets) {
        for (int i = 0; i < maxPackets; i++) {
            byte[] packet = read(stream, TsPacket.SIZE);
            if (packet.length < TsPacket.SIZE) {
                return -1;
            }
            if (TsPacket.pid(packet, 0) != TsPacket.NULL_PID) {
                return TsPacket.pid(packet, 0);
            }
        }
        return -1;
    }

    /** Reads until the server ends the body; returns the byte count, or -1 when the connection failed. */
    public static long drain(HttpResponse<InputStream> stream) {
        try (InputStream in = stream.body()) {
            return in.transferTo(OutputStreamSink.INSTANCE);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Asserts that the server ends the body within {@code seconds}: drains it on another thread meanwhile. */
    public static void assertEndsWithin(HttpResponse<InputStream> stream, int seconds) {
        CompletableFuture<Long> drained = CompletableFuture.supplyAsync(() -> drain(stream));
        try {
            until("the end of the stream", Duration.ofSeconds(seconds), drained::isDone);
        } catch (AssertionError e) {
            closeStream(stream);
            throw new AssertionError("the stream was still open after " + seconds + " s");
        }
    }

    public static void closeStream(HttpResponse<InputStream> stream) {
        try {
            stream.body().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps reading a stream of the running application on another thread, as a player does. */
    public static Reading reading(HttpResponse<InputStream> stream) {
        return new Reading(stream);
    }

    /** A stream read in the background: how many bytes so far, and whether the server ended it. */
    public static final class Reading {
        private final HttpResponse<InputStream> stream;
        private final AtomicLong bytes = new AtomicLong();
        private final CompletableFuture<Long> ended;

        private Reading(HttpResponse<InputStream> stream) {
            this.stream = stream;
            this.ended = CompletableFuture.supplyAsync(() -> {
                byte[] buffer = new byte[16384];
                try (InputStream in = stream.body()) {
                    for (int n; (n = in.read(buffer)) >= 0;) {
                        bytes.addAndGet(n);
                    }
                } catch (IOException e) {
                    // closed by the test or reset by the server: ended either way
                }
                return bytes.get();
            });
        }

        public long bytes() {
            return bytes.get();
        }

        /** True once the stream ended (by the server, or by {@link #close()}). */
        public boolean ended() {
            return ended.isDone();
        }

        /** Waits until at least {@code more} further bytes came: the stream is still playing. */
        public void awaitMore(long more, Duration timeout) {
            long target = bytes.get() + more;
            until("another " + more + " bytes of the stream", timeout, () -> bytes.get() >= target || ended());
            if (bytes.get() < target) {
                throw new AssertionError("the stream ended after " + bytes.get() + " bytes");
            }
        }

        public void close() {
            closeStream(stream);
        }
    }

    /**
     * Starts ffmpeg as a player of a stream URL of the running application: it reads at the
     * stream's own pace ({@code -re}, as a TV does), decodes {@code seconds} of it and reports
     * its decoded video frames. A stream cut short ends it early with fewer frames.
     */
    public static FfmpegPlayer ffmpeg(String url, int seconds) {
        try {
            Process process = new ProcessBuilder("ffmpeg", "-hide_banner", "-nostdin", "-v", "error",
                    "-rw_timeout", "15000000", "-re", "-i", url, "-t", String.valueOf(seconds), "-map", "0:v:0",
                    "-f", "null", "-", "-progress", "pipe:1").start();
            return new FfmpegPlayer(process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One ffmpeg player: its progress (decoded frames) and its error lines, read as it runs. */
    public static final class FfmpegPlayer {
        private final Process process;
        private final CompletableFuture<Long> frames;
        private final CompletableFuture<List<String>> errors;
        private volatile long decoded;

        private FfmpegPlayer(Process process) {
            this.process = process;
            this.frames = CompletableFuture.supplyAsync(() -> {
                try (var reader = process.inputReader()) {
                    for (String line; (line = reader.readLine()) != null;) {
                        if (line.startsWith("frame=")) {
                            decoded = Long.parseLong(line.substring(6).trim());
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return decoded;
            });
            this.errors = CompletableFuture.supplyAsync(() -> {
                try (var reader = process.errorReader()) {
                    return reader.lines().toList();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        public boolean running() {
            return process.isAlive();
        }

        /** Waits until it decoded its first frames: the player is playing. */
        public void awaitPlaying(Duration timeout) {
            until("ffmpeg decodes its first frames", timeout, () -> decoded > 0 || !process.isAlive());
            if (decoded == 0) {
                throw new AssertionError("ffmpeg ended before its first frame: " + errors());
            }
        }

        /** Video frames decoded in all, once ffmpeg ended (waited for at most {@code timeout}). */
        public long frames(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("ffmpeg still running after " + timeout);
                }
                return frames.get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** ffmpeg's error lines, once it ended. */
        public List<String> errors() {
            try {
                return errors.get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toString() {
            return "ffmpeg " + (process.isAlive() ? "playing" : "ended") + " after " + decoded + " frames";
        }

        /** Stops it if it still runs (a test's clean-up). */
        public void stop() {
            process.destroyForcibly();
        }
    }

    private static final class OutputStreamSink extends OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }

    /** One viewer connection of the harness, seen from the client side. */
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

        public int status() {
            return response == null ? 0 : response.statusCode();
        }

        /** A response header, null before the response or when absent. */
        public String header(String name) {
            return response == null ? null : response.getHeader(name);
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
