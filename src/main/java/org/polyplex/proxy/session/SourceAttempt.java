package org.polyplex.proxy.session;

import java.util.function.LongSupplier;

import org.polyplex.catalog.CatalogSnapshot.Source;
import org.polyplex.proxy.config.ProxyConfig;
import org.polyplex.proxy.ts.ChunkSink;
import org.polyplex.proxy.ts.TsAssembler;
import org.polyplex.proxy.upstream.api.Upstream;
import org.polyplex.proxy.upstream.api.UpstreamListener;

import io.vertx.core.buffer.Buffer;

/**
 * One try of one source by a session (or of the fallback slate): the upstream connection, its TS
 * assembler and its watchdog times. Its chunks go straight to the session's viewers; its first
 * keyframe and its one failure go to its {@link SourceFailover}. Once closed or failed it is
 * silent, so late callbacks of a dropped connection are harmless. Confined to the session's
 * context.
 */
final class SourceAttempt implements UpstreamListener, TsAssembler.Sink {

    /** The source of a slate attempt: not one of the channel's, so never counted in the guard. */
    static final Source SLATE = new Source(-1, "slate", 0, null);

    final Source source;
    /** A background try of an earlier source while a later one plays: its failure is no failover. */
    private boolean returning;
    private final SourceFailover failover;
    private final Upstream upstream;
    private final TsAssembler assembler;
    private final ProxyConfig.Upstream config;
    private final LongSupplier nanoTime;
    private final ChunkSink viewers;
    private final long openedAt;
    private long lastData;
    private boolean data;
    private boolean streaming;
    private boolean done;

    /**
     * @param splice whether the session already sent bytes: then this source's output is spliced
     *        in (fresh PAT/PMT, discontinuity marks)
     * @param returning whether this is a background try of an earlier source (see {@link SourceReturn})
     * @param viewers where the chunks go, from the first keyframe on
     */
    SourceAttempt(SourceFailover failover, Source source, Upstream upstream, boolean splice, boolean returning,
            ProxyConfig config, LongSupplier nanoTime, ChunkSink viewers) {
        this.failover = failover;
        this.source = source;
        this.returning = returning;
        this.upstream = upstream;
        this.config = config.upstream();
        this.nanoTime = nanoTime;
        this.viewers = viewers;
        this.assembler = new TsAssembler(this, splice, this.config.maxJunkBytes(), config.viewer().coalesceBytes(),
                config.viewer().coalesceDelay().toNanos());
        this.openedAt = nanoTime.getAsLong();
    }

    void open() {
        upstream.open(this);
    }

    /** Whether this is still a background try (not the live source yet). */
    boolean returning() {
        return returning;
    }

    /** The background try became the session's live source: from now on it fails like one. */
    void tookOver() {
        returning = false;
    }

    boolean slate() {
        return source == SLATE;
    }

    @Override
    public void onData(Buffer bytes) {
        if (done) {
            return;
        }
        lastData = nanoTime.getAsLong();
        data = true;
        assembler.feed(bytes, lastData);
    }

    @Override
    public void chunk(Buffer packets, boolean keyframe) {
        if (done) {
            return;
        }
        if (!streaming) {
            streaming = true;
            failover.started(this);
            if (done) {
                return;
            }
        }
        viewers.chunk(packets, keyframe);
    }

    @Override
    public void rejected(String reason) {
        fail(reason);
    }

    @Override
    public void onFailure(String reason) {
        fail(reason);
    }

    /**
     * Sends the coalesced chunk that waited its delay (the upstream paused), then checks the
     * first-byte, keyframe and idle bounds; called by the session's tick.
     */
    void watchdog(long now) {
        if (done) {
            return;
        }
        assembler.flushIfDue(now);
        if (!data) {
            if (now - openedAt > config.firstByteTimeout().toNanos() + upstream.startGrace().toNanos()) {
                fail("no data within " + config.firstByteTimeout().toMillis() + " ms");
            }
        } else if (!assembler.started()) {
            if (now - openedAt > config.keyframeTimeout().toNanos() + upstream.startGrace().toNanos()) {
                fail("no keyframe within " + config.keyframeTimeout().toMillis() + " ms");
            }
        } else if (now - lastData > config.idleTimeout().toNanos() + upstream.idleGrace().toNanos()) {
            fail("no data for " + config.idleTimeout().toMillis() + " ms");
        }
    }

    private void fail(String reason) {
        if (close()) {
            failover.failed(this, reason);
        }
    }

    /** Stops the upstream; true the first time only (then its connection slot is to be given back). */
    boolean close() {
        if (done) {
            return false;
        }
        done = true;
        upstream.close();
        return true;
    }
}
