package org.polyplex.proxy;

import org.polyplex.catalog.CatalogSnapshot.Source;
import org.polyplex.proxy.config.ProxyConfig;
import org.polyplex.proxy.ts.TsAssembler;
import org.polyplex.proxy.upstream.api.Upstream;
import org.polyplex.proxy.upstream.api.UpstreamListener;

import io.vertx.core.buffer.Buffer;

/**
 * One try of one source by a session: the upstream connection, its TS assembler and its
 * watchdog times. Its events reach the session only while it is the session's current attempt,
 * so late callbacks of a failed connection are harmless. Confined to the session's context.
 */
final class SourceAttempt implements UpstreamListener, TsAssembler.Sink {

    final Source source;
    private final ChannelSession session;
    private final Upstream upstream;
    private final TsAssembler assembler;
    private final ProxyConfig.Upstream config;
    private final long openedAt;
    private long lastData;
    private boolean streaming;
    private boolean done;

    SourceAttempt(ChannelSession session, Source source, Upstream upstream, boolean splice,
            ProxyConfig.Upstream config, long now) {
        this.session = session;
        this.source = source;
        this.upstream = upstream;
        this.config = config;
        this.assembler = new TsAssembler(this, splice, config.maxJunkBytes());
        this.openedAt = now;
    }

    void open() {
        upstream.open(this);
    }

    @Override
    public void onData(Buffer data) {
        if (done) {
            return;
        }
        lastData = System.nanoTime();
        assembler.feed(data);
    }

    @Override
    public void chunk(Buffer packets, boolean keyframe) {
        if (done) {
            return;
        }
        if (!streaming) {
            streaming = true;
            session.onStreaming(this);
        }
        session.onChunk(packets, keyframe);
    }

    @Override
    public void rejected(String reason) {
        fail(reason);
    }

    @Override
    public void onFailure(String reason) {
        fail(reason);
    }

    /** Checks the first-byte, keyframe and idle bounds; called by the session's tick. */
    void watchdog(long now) {
        if (done) {
            return;
        }
        if (lastData == 0) {
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
        if (done) {
            return;
        }
        close();
        session.onAttemptFailed(this, reason);
    }

    void close() {
        done = true;
        upstream.close();
    }
}
