package org.polyplex.proxy.upstream.slate;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * The fallback slate file ({@code polyplex.proxy.failover.fallback-slate}), read once without
 * blocking (Vert.x file system) and shared by every session of the node. Thread-safe: sessions
 * on any event loop ask for it. A failed read is retried on the next outage.
 */
public final class SlateSource {

    private final Vertx vertx;
    private final Optional<String> path;
    private final long bitsPerSecond;
    private final AtomicReference<Future<Buffer>> read = new AtomicReference<>();

    /** @param path the MPEG-TS file, or empty when no slate is configured */
    public SlateSource(Vertx vertx, Optional<String> path, long bitsPerSecond) {
        this.vertx = vertx;
        this.path = path;
        this.bitsPerSecond = bitsPerSecond;
    }

    /** Whether a slate is configured: when not, a session whose sources are all down ends its viewers. */
    public boolean configured() {
        return path.isPresent();
    }

    /**
     * The slate's bytes; completes on {@code context}, the asking session's context: the shared
     * read's own callbacks run on the context that started it, which would run another session's
     * slate (its timer, its fan-out) on the wrong event loop. Call only when {@link #configured}.
     */
    public Future<Buffer> bytes(Context context) {
        Future<Buffer> current = read.get();
        if (current == null || current.failed()) {
            Future<Buffer> fresh = vertx.fileSystem().readFile(path.orElseThrow());
            current = read.compareAndSet(current, fresh) ? fresh : read.get();
        }
        Promise<Buffer> local = Promise.promise();
        current.onComplete(ar -> context.runOnContext(v -> local.handle(ar)));
        return local.future();
    }

    /** An upstream that plays the slate's bytes in a loop at the configured bit rate. */
    public SlateUpstream player(Buffer content) {
        return new SlateUpstream(vertx, content, bitsPerSecond);
    }
}
