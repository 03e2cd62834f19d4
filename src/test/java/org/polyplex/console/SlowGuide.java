package org.polyplex.console;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.polyplex.epg.EpgTestSupport;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;

/**
 * A guide server on a loopback port that sends a live guide ({@link EpgTestSupport#liveGuide})
 * up to its first {@value #FIRST} programmes, then holds the rest until {@link #release()}:
 * meanwhile an import of it is running with those programmes parsed. A blank every 200 ms keeps
 * the download under its read timeout.
 */
final class SlowGuide implements AutoCloseable {

    /** Programmes sent before the server waits. */
    static final int FIRST = 3;

    private final Vertx vertx = Vertx.vertx();
    private final CompletableFuture<Void> release = new CompletableFuture<>();
    private final HttpServer server;

    SlowGuide() throws Exception {
        server = vertx.createHttpServer().requestHandler(request -> {
            String tag = request.path().substring(1).replace(".xml", "");
            String text = new String(EpgTestSupport.liveGuide(tag, Instant.now()), StandardCharsets.UTF_8);
            int cut = 0;
            for (int i = 0; i <= FIRST; i++) {
                cut = text.indexOf("  <programme", cut + 1);
            }
            int held = cut;
            HttpServerResponse response = request.response().setChunked(true).putHeader("Content-Type", "text/xml");
            response.write(text.substring(0, held));
            long timer = vertx.setPeriodic(200, id -> response.write(" "));
            release.whenComplete((ok, e) -> vertx.runOnContext(v -> {
                vertx.cancelTimer(timer);
                response.end(text.substring(held));
            }));
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The URL of a guide whose channel is {@code live-<tag>}, named {@code Live <tag>}. */
    String url(String tag) {
        return "http://127.0.0.1:" + server.actualPort() + "/" + tag + ".xml";
    }

    void release() {
        release.complete(null);
    }

    @Override
    public void close() throws Exception {
        release();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
