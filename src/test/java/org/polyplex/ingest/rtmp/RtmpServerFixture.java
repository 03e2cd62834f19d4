package org.polyplex.ingest.rtmp;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.vertx.core.Vertx;

/** A Vert.x instance and a running {@link RtmpServer} with a {@link TestGate}. */
final class RtmpServerFixture implements AutoCloseable {

    final Vertx vertx = Vertx.vertx();
    final TestGate gate;
    final RtmpServer server;

    RtmpServerFixture(RtmpConfig config, TestGate gate) throws Exception {
        this.gate = gate;
        this.server = new RtmpServer(vertx, config, gate);
        server.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    int port() {
        return server.port();
    }

    RtmpStats stats() {
        return server.stats();
    }

    /** Polls a condition until it holds or the deadline passes. */
    static boolean eventually(long millis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return condition.getAsBoolean();
    }

    @Override
    public void close() throws Exception {
        server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
