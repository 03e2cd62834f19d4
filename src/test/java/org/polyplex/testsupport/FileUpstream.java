package org.polyplex.testsupport;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * A tiny loopback file server for proxy tests: {@code /secret/file.mp4} (1,000 known bytes, with
 * single-range support and HEAD), {@code /redirect} (302 to the file), anything else 404. Counts
 * the requests it receives, so tests can assert that refused requests never reached it.
 */
public final class FileUpstream implements AutoCloseable {

    public static final int SIZE = 1000;

    public final AtomicInteger requests = new AtomicInteger();
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;

    public FileUpstream() throws Exception {
        server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public int port() {
        return server.actualPort();
    }

    public static byte[] content() {
        byte[] bytes = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) {
            bytes[i] = (byte) (i * 7);
        }
        return bytes;
    }

    private void handle(HttpServerRequest request) {
        requests.incrementAndGet();
        if (request.path().equals("/redirect")) {
            request.response().setStatusCode(302).putHeader("Location", "/secret/file.mp4").end();
            return;
        }
        if (!request.path().equals("/secret/file.mp4")) {
            request.response().setStatusCode(404).end();
            return;
        }
        int from = 0;
        int to = SIZE - 1;
        String range = request.getHeader("Range");
        var response = request.response().putHeader("Content-Type", "video/mp4").putHeader("Accept-Ranges", "bytes")
                .putHeader("Server", "secret-upstream/1.0").putHeader("X-Upstream-Token", "abc");
        if (range != null && range.startsWith("bytes=")) {
            String[] parts = range.substring(6).split("-");
            from = Integer.parseInt(parts[0]);
            to = parts.length > 1 ? Math.min(Integer.parseInt(parts[1]), SIZE - 1) : SIZE - 1;
            response.setStatusCode(206).putHeader("Content-Range", "bytes " + from + "-" + to + "/" + SIZE);
        }
        response.putHeader("Content-Length", Integer.toString(to - from + 1));
        if (request.method() == HttpMethod.HEAD) {
            response.end();
        } else {
            response.end(Buffer.buffer(content()).slice(from, to + 1));
        }
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
