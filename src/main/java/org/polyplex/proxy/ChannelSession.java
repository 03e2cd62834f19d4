package org.polyplex.proxy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.catalog.CatalogSnapshot.Source;
import org.polyplex.platform.ApiException;
import org.polyplex.platform.Redaction;
import org.polyplex.proxy.config.ProxyConfig;
import org.polyplex.proxy.hls.SegmentWindow;
import org.polyplex.proxy.ts.PacketRing;
import org.polyplex.proxy.upstream.api.SourceUrl;
import org.polyplex.proxy.upstream.slate.SlateUpstream;

import io.quarkus.logging.Log;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * One channel's upstream fanned out to its viewers. Everything here runs on one Vert.x context
 * ({@link #context()}): upstream callbacks, viewer joins and leaves (hopped onto it by the
 * registry) and the housekeeping tick, so no field needs a lock or volatile.
 * <p>
 * The tick enforces the upstream watchdog (first byte, keyframe, idle), retries sources during
 * an outage with null-packet keepalive for viewers, evicts stalled viewers, ends a lingering
 * session, and flushes counters.
 */
final class ChannelSession {

    final long id;
    final LiveChannel channel;
    private final Context context;
    private final Vertx vertx;
    private final SessionRegistry registry;
    private final ProxyConfig config;
    private final Clock clock;
    private final FanOut fanOut;
    private final HlsTap hls;
    private final PacketRing ring;
    private final Instant created;
    private SessionState state = new SessionState.Idle();
    private SourceAttempt attempt;
    private SourceAttempt slate;
    private final SourcePicker sources;
    private long outageSince;
    private long lastKeepalive;
    private long timer = -1;
    private long bytesInReported;
    private long failovers;

    ChannelSession(long id, LiveChannel channel, Context context, SessionRegistry registry) {
        this.id = id;
        this.channel = channel;
        this.context = context;
        this.vertx = context.owner();
        this.registry = registry;
        this.config = registry.config();
        this.clock = registry.clock();
        this.ring = new PacketRing(config.session().ringChunks(), config.session().ringBytes());
        this.fanOut = new FanOut(ring, config.viewer(), registry.metrics(), registry::nanoTime);
        this.sources = new SourcePicker(channel.sources(), registry.upstreams(), registry.guard());
        this.hls = new HlsTap(config.hlsOutput(), vertx, registry::nanoTime, registry.metrics());
        this.created = clock.instant();
    }

    Context context() {
        return context;
    }

    SessionState state() {
        return state;
    }

    /** Adds a viewer; false when the session already closed (the registry then makes a new one). */
    boolean attach(Viewer viewer) {
        if (state instanceof SessionState.Closed) {
            return false;
        }
        if (viewerCount() >= config.session().maxViewers()) {
            registry.refuse(viewer, 503, "too_many_viewers", "this channel has too many viewers");
            return true;
        }
        activate();
        viewer.response.drainHandler(v -> context.runOnContext(x -> fanOut.drained(viewer)));
        viewer.response.closeHandler(v -> context.runOnContext(x -> viewerClosed(viewer)));
        viewer.response.exceptionHandler(e -> {
        });
        viewer.response.setStatusCode(200).setChunked(true)
                .putHeader("Content-Type", "video/mp2t")
                .putHeader("Cache-Control", "no-cache, no-store");
        viewer.response.writeHead();
        fanOut.add(viewer);
        registry.metrics().viewerAdded();
        if (viewer.response.closed()) {
            // Closed while hopping here: its close handler was set too late to fire.
            viewerClosed(viewer);
            return true;
        }
        Log.debugf("session=%d viewer=%d user=%s joined", id, viewer.id, viewer.username);
        return true;
    }

    /**
     * Adds an HLS viewer and completes {@code admitted}, or fails it with the refusal; false when
     * the session already closed (the registry then makes a new one).
     */
    boolean attachHls(HlsViewer viewer, Promise<Void> admitted) {
        if (state instanceof SessionState.Closed) {
            return false;
        }
        if (viewerCount() >= config.session().maxViewers()) {
            viewer.markGone();
            registry.hlsGone(viewer);
            admitted.fail(new ApiException(503, "too_many_viewers", "this channel has too many viewers", null));
            return true;
        }
        activate();
        hls.add(viewer, ring);
        registry.metrics().viewerAdded();
        Log.debugf("session=%d hls viewer=%d user=%s joined", id, viewer.id, viewer.username);
        admitted.complete();
        return true;
    }

    /** The live playlist for an HLS viewer, once the first segment exists; segment URIs start with prefix. */
    Future<String> hlsPlaylist(String prefix) {
        if (state instanceof SessionState.Closed) {
            return Future.failedFuture("the channel's session ended");
        }
        return hls.ready().map(v -> hls.playlist(prefix).orElseThrow());
    }

    /**
     * A segment of the window for an HLS viewer, counted as served to it when {@code body} (not
     * for HEAD); empty when not (or no longer) held.
     */
    Optional<SegmentWindow.Segment> hlsSegment(HlsViewer viewer, long sequence, boolean body) {
        return hls.segment(viewer, sequence, body);
    }

    /** Ends an HLS viewer (admin kick, replaced): its token stops working at once. */
    void kickHls(HlsViewer viewer, String reason) {
        if (hls.remove(viewer)) {
            hlsGone(viewer, reason);
        }
    }

    private void hlsGone(HlsViewer viewer, String reason) {
        if (!viewer.markGone()) {
            return;
        }
        registry.hlsGone(viewer);
        registry.metrics().viewerRemoved();
        Log.debugf("session=%d hls viewer=%d left: %s", id, viewer.id, reason);
        lastViewerLeft();
    }

    /** Starts an idle session or resumes a lingering one, for a viewer that joins. */
    private void activate() {
        if (state instanceof SessionState.Idle idle) {
            state = idle.connect(clock.instant());
            outageSince = registry.nanoTime();
            timer = vertx.setPeriodic(config.session().tick().toMillis(), t -> tick());
            Log.infof("session=%d channel=%d opened", id, channel.id());
            connectNext();
        } else if (state instanceof SessionState.Lingering lingering) {
            state = lingering.resume(clock.instant());
        }
    }

    private int viewerCount() {
        return fanOut.viewers().size() + hls.viewers().size();
    }

    /** Ends one viewer with a reason (admin kick, replaced by a newer connection). */
    void kick(Viewer viewer, String reason) {
        fanOut.end(viewer, reason, true);
        fanOut.sweep(this::gone);
    }

    private void viewerClosed(Viewer viewer) {
        if (fanOut.remove(viewer)) {
            gone(viewer);
        }
    }

    private void gone(Viewer viewer) {
        if (!viewer.markGone()) {
            return;
        }
        registry.viewerGone(viewer);
        registry.metrics().viewerRemoved();
        Log.debugf("session=%d viewer=%d left: %s", id, viewer.id, viewer.endReason == null ? "closed" : viewer.endReason);
        lastViewerLeft();
    }

    /** Lingers or closes the session when no viewer of either kind is left. */
    private void lastViewerLeft() {
        if (viewerCount() > 0 || state instanceof SessionState.Closed) {
            return;
        }
        if (state instanceof SessionState.Streaming streaming) {
            state = streaming.linger(clock.instant().plus(config.session().linger()));
        } else {
            close("no viewers left while " + state.name());
        }
    }

    /** Picks the next eligible source and opens it; waits for the tick if none is eligible now. */
    private void connectNext() {
        Optional<SourcePicker.Pick> pick = sources.next();
        if (pick.isEmpty()) {
            return;
        }
        Source source = pick.get().source();
        attempt = new SourceAttempt(this, source, pick.get().upstream(), ring.head() > 0, config.upstream(),
                registry.nanoTime());
        registry.metrics().upstreamOpened();
        Log.infof("session=%d channel=%d connecting source=%d %s", id, channel.id(), source.id(),
                SourceUrl.redact(source.url()));
        attempt.open();
    }

    /** The attempt delivered its first keyframe: it is now the live source. */
    void onStreaming(SourceAttempt started) {
        if (started == slate) {
            Log.infof("session=%d channel=%d every source is down: playing the fallback slate", id, channel.id());
            return;
        }
        stopSlate();
        registry.guard().succeeded(started.source.id());
        long outageMs = (registry.nanoTime() - outageSince) / 1_000_000;
        if (state instanceof SessionState.Lingering) {
            return;
        }
        state = state.streaming(clock.instant());
        Log.infof("session=%d channel=%d streaming source=%d after %d ms", id, channel.id(), started.source.id(),
                outageMs);
    }

    void onChunk(Buffer chunk, boolean keyframe) {
        fanOut.publish(chunk, keyframe);
        hls.chunk(chunk, keyframe);
        fanOut.sweep(this::gone);
    }

    /** The attempt failed (error, HTTP status, bad data, timeout): count it and fail over. */
    void onAttemptFailed(SourceAttempt failed, String reason) {
        if (failed == slate) {
            slate = null;
            close("fallback slate failed: " + reason);
            return;
        }
        if (failed != attempt) {
            return;
        }
        attempt = null;
        registry.guard().release(failed.source.id());
        boolean opened = registry.guard().failed(failed.source.id());
        Log.infof("session=%d channel=%d source=%d failed: %s%s", id, channel.id(), failed.source.id(), Redaction.text(reason),
                opened ? " (circuit breaker open for " + config.failover().breakerOpen() + ")" : "");
        if (state instanceof SessionState.Lingering) {
            close("upstream failed while lingering");
            return;
        }
        if (state instanceof SessionState.Streaming streaming) {
            state = streaming.failover(clock.instant());
            outageSince = registry.nanoTime();
            failovers++;
            registry.metrics().failover();
        }
        connectNext();
    }

    private void tick() {
        long now = registry.nanoTime();
        if (attempt != null) {
            attempt.watchdog(now);
        }
        if (slate != null) {
            slate.watchdog(now);
        }
        boolean outage = state instanceof SessionState.Connecting || state instanceof SessionState.Switching;
        if (outage && now - outageSince > config.failover().keepaliveMax().toNanos()) {
            allSourcesDown(now);
            return;
        }
        if (state instanceof SessionState.Fallback
                && now - outageSince > (config.failover().keepaliveMax().plus(config.failover().slateMax())).toNanos()) {
            close("all sources down, fallback slate over");
            return;
        }
        if ((outage || state instanceof SessionState.Fallback) && attempt == null) {
            connectNext();
        }
        if (outage && now - lastKeepalive >= config.failover().keepaliveInterval().toNanos()) {
            lastKeepalive = now;
            fanOut.keepalive();
        }
        fanOut.evictStalled();
        fanOut.sweep(this::gone);
        for (HlsViewer idle : hls.expire(now)) {
            hlsGone(idle, "no request for " + config.hlsOutput().viewerWindow().toSeconds() + " s");
        }
        if (state instanceof SessionState.Lingering lingering && !clock.instant().isBefore(lingering.until())) {
            close("linger over");
            return;
        }
        flushCounters();
    }

    /** After the keepalive bound: play the fallback slate if there is one, else end the viewers. */
    private void allSourcesDown(long now) {
        Future<Buffer> file = registry.slate(context);
        Log.warnf("session=%d channel=%d every source is down for %d ms: %s %d viewers", id, channel.id(),
                (now - outageSince) / 1_000_000, file == null ? "ending" : "playing the fallback slate to",
                fanOut.viewers().size());
        if (file == null) {
            close("all sources down");
            return;
        }
        state = state.fallback(clock.instant());
        file.onComplete(ar -> {
            if (!(state instanceof SessionState.Fallback)) {
                return;
            }
            if (ar.failed()) {
                close("all sources down; fallback slate unreadable: " + ar.cause().getClass().getSimpleName());
                return;
            }
            Source none = new Source(-1, "slate", 0, null);
            slate = new SourceAttempt(this, none, new SlateUpstream(vertx, ar.result(),
                    config.failover().slateBitrate()), ring.head() > 0, config.upstream(), registry.nanoTime());
            slate.open();
        });
    }

    private void stopSlate() {
        if (slate != null) {
            slate.close();
            slate = null;
        }
    }

    /** Ends the viewers, releases the upstream and leaves the registry. */
    void close(String reason) {
        if (state instanceof SessionState.Closed) {
            return;
        }
        state = state.close(reason);
        registry.sessionClosed(this);
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (attempt != null) {
            attempt.close();
            registry.guard().release(attempt.source.id());
            attempt = null;
        }
        stopSlate();
        fanOut.endAll(reason);
        fanOut.sweep(this::gone);
        for (HlsViewer viewer : hls.removeAll(reason)) {
            hlsGone(viewer, reason);
        }
        flushCounters();
        Log.infof("session=%d channel=%d closed: %s (bytes in %d, failovers %d)", id, channel.id(), Redaction.text(reason),
                ring.bytesIn(), failovers);
    }

    private void flushCounters() {
        long in = ring.bytesIn();
        registry.metrics().bytes(in - bytesInReported, fanOut.drainBytesOut() + hls.drainBytesOut());
        bytesInReported = in;
    }

    /** Adds this session and its viewers to a snapshot; on the context only. */
    void describe(List<SessionsSnapshot.SessionInfo> sessions, List<SessionsSnapshot.ViewerInfo> viewers) {
        Source source = attempt == null ? null : attempt.source;
        sessions.add(new SessionsSnapshot.SessionInfo(id, channel.id(), channel.name(),
                source == null ? null : source.id(), source == null ? null : SourceUrl.redact(source.url()),
                state.name(), ring.bytesIn(), viewerCount(), failovers, created));
        for (Viewer v : new ArrayList<>(fanOut.viewers())) {
            viewers.add(new SessionsSnapshot.ViewerInfo(v.id, id, v.userId, v.username, v.address, v.channelId, "ts",
                    v.bytesOut, fanOut.lag(v), v.since));
        }
        for (HlsViewer v : hls.viewers()) {
            viewers.add(new SessionsSnapshot.ViewerInfo(v.id, id, v.userId, v.username, v.address, v.channelId, "hls",
                    v.bytesOut, 0, v.since));
        }
    }
}
