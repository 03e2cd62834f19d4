package org.polyplex.scraping;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * A loopback HTTP server for scraper tests and the benchmark: paths map to canned bodies that a
 * test may swap between runs, or to handlers that look at the query (Xtream's {@code action=}).
 */
public final class StubHttp implements AutoCloseable {

    /** A canned answer, with extra response headers. */
    public record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {

        public Answer(int status, String contentType, byte[] body) {
            this(status, contentType, body, Map.of());
        }

        public static Answer of(String contentType, String body) {
            return new Answer(200, contentType, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final Map<String, Function<HttpServerRequest, Answer>> routes = new ConcurrentHashMap<>();
    private final HttpServer server;

    public StubHttp() {
        server = vertx.createHttpServer().requestHandler(req -> {
            var route = routes.get(req.path());
            if (route == null) {
                // "/prefix/*" routes answer every path under the prefix
                route = routes.entrySet().stream()
                        .filter(e -> e.getKey().endsWith("/*")
                                && req.path().startsWith(e.getKey().substring(0, e.getKey().length() - 1)))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
            }
            Answer answer = route == null ? new Answer(404, "text/plain", new byte[0]) : route.apply(req);
            req.response().setStatusCode(answer.status()).putHeader("content-type", answer.contentType())
                    .headers().addAll(answer.headers());
            req.response().end(Buffer.buffer(answer.body()));
        });
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the stub server", e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    public StubHttp serve(String path, String contentType, String body) {
        Answer answer = Answer.of(contentType, body);
        routes.put(path, req -> answer);
        return this;
    }

    public StubHttp serve(String path, Answer answer) {
        routes.put(path, req -> answer);
        return this;
    }

    public StubHttp route(String path, Function<HttpServerRequest, Answer> handler) {
        routes.put(path, handler);
        return this;
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
