package org.polyplex.testsupport;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * A channel source for tests and the benchmark, on 127.0.0.1 and a free port. Serves TS content
 * looped forever under {@code /live/{name}}, paced at a bit rate (0 = as fast as the client
 * reads), in chunk sizes that do not line up with 188 bytes. Also serves the bad inputs:
 * {@code /html}, {@code /error} (503), {@code /garbage}, {@code /redirect} (a loop) and
 * {@code /stall} (headers, then nothing), and {@code /moved/{name}} redirects to the stream. Keeps
 * the last request headers per path. A stream can be killed (open connections closed, new
 * ones refused) to test failover.
 */
public final class TsServer implements AutoCloseable {

    private final Vertx vertx;
    private final long bitsPerSecond;
    private final Map<String, Buffer> streams = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Map<String, Boolean> dead = new ConcurrentHashMap<>();
    private final List<Open> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger active = new AtomicInteger();
    private final Map<String, MultiMap> lastHeaders = new ConcurrentHashMap<>();
    private HttpServer server;

    private record Open(String name, HttpServerResponse response) {
    }

    public TsServer(Vertx vertx, long bitsPerSecond) {
        this.vertx = vertx;
        this.bitsPerSecond = bitsPerSecond;
    }

    public TsServer stream(String name, byte[] content) {
        streams.put(name, Buffer.buffer(content));
        return this;
    }

    public TsServer start() {
        try {
            server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return this;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    /** Requests seen for a path since start. */
    public int requests(String path) {
        return requests.computeIfAbsent(path, p -> new AtomicInteger()).get();
    }

    /** The headers of the last request for a path, or null when none came. */
    public MultiMap lastHeaders(String path) {
        return lastHeaders.get(path);
    }

    /** Stream responses currently open. */
    public int active() {
        return active.get();
    }

    /** Open connections of one stream. */
    public int active(String name) {
        return (int) open.stream().filter(o -> o.name.equals(name)).count();
    }

    /** Closes the stream's open connections and refuses new ones (connection reset). */
    public void kill(String name) {
        dead.put(name, true);
        for (Open o : open) {
            if (o.name.equals(name)) {
                o.response.close();
            }
        }
    }

    /** Lets a killed stream answer again. */
    public void revive(String name) {
        dead.remove(name);
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        lastHeaders.put(path, MultiMap.caseInsensitiveMultiMap().addAll(request.headers()));
        HttpServerResponse response = request.response();
        if (path.startsWith("/moved/")) {
            response.setStatusCode(302).putHeader("Location", "/live/" + path.substring(7)).end();
            return;
        }
        switch (path) {
            case "/html" -> response.putHeader("Content-Type", "text/html")
                    .end("<html><body><h1>Channel offline</h1></body></html>");
            case "/error" -> response.setStatusCode(503).end("unavailable");
            case "/redirect" -> response.setStatusCode(302).putHeader("Location", "/redirect").end();
            case "/stall" -> response.setChunked(true).putHeader("Content-Type", "video/mp2t").writeHead();
            case "/garbage" -> {
                byte[] junk = new byte[256 * 1024];
                new Random(42).nextBytes(junk);
                for (int i = 0; i < junk.length; i++) {
                    if (junk[i] == 0x47) {
                        junk[i] = 0x48;
                    }
                }
                play("garbage", Buffer.buffer(junk), response);
            }
            default -> {
                String name = path.startsWith("/live/") ? path.substring(6) : "";
                Buffer content = streams.get(name);
                if (content == null) {
                    response.setStatusCode(404).end();
                } else if (dead.getOrDefault(name, false)) {
                    response.close();
                } else {
                    play(name, content, response);
                }
            }
        }
    }

    private void play(String name, Buffer content, HttpServerResponse response) {
        response.setChunked(true).putHeader("Content-Type", "video/mp2t");
        Open entry = new Open(name, response);
        open.add(entry);
        active.incrementAndGet();
        int[] pos = { 0 };
        long[] timer = { -1 };
        response.closeHandler(v -> {
            open.remove(entry);
            active.decrementAndGet();
            if (timer[0] >= 0) {
                vertx.cancelTimer(timer[0]);
            }
        });
        if (bitsPerSecond <= 0) {
            Runnable[] pump = new Runnable[1];
            pump[0] = () -> {
                while (!response.writeQueueFull() && !response.closed()) {
                    write(content, pos, 65_000, response);
                }
                response.drainHandler(v -> pump[0].run());
            };
            pump[0].run();
            return;
        }
        // Paced by elapsed time, not by tick count, so a late timer catches up instead of
        // silently lowering the rate when the machine is busy.
        long started = System.nanoTime();
        long[] sent = { 0 };
        timer[0] = vertx.setPeriodic(10, t -> {
            long due = (System.nanoTime() - started) * bitsPerSecond / 8 / 1_000_000_000L - sent[0];
            while (due > 0 && !response.writeQueueFull() && !response.closed()) {
                int n = write(content, pos, (int) Math.min(due, 64 * 1024), response);
                sent[0] += n;
                due -= n;
            }
        });
    }

    private static int write(Buffer content, int[] pos, int size, HttpServerResponse response) {
        int end = Math.min(pos[0] + size, content.length());
        response.write(content.slice(pos[0], end));
        int written = end - pos[0];
        pos[0] = end == content.length() ? 0 : end;
        return written;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
