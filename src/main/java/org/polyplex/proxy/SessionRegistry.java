package org.polyplex.proxy;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.platform.ApiError;
import org.polyplex.proxy.config.ProxyConfig;
import org.polyplex.proxy.hls.SegmentWindow;
import org.polyplex.proxy.metrics.ProxyMetrics;
import org.polyplex.proxy.upstream.SourceGuard;
import org.polyplex.proxy.upstream.UpstreamFactory;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;

/**
 * All channel sessions of this node. Creation is single-flight: one map entry per channel, made
 * by {@code computeIfAbsent}, so N simultaneous first viewers share one session and one
 * upstream. A session is pinned to the context that created it (the first viewer's event loop);
 * joins, kicks and snapshots hop onto that context. A closing session removes itself from the map
 * on its own context before it reports Closed, so a join that finds it closed simply retries.
 */
public final class SessionRegistry {

    private final Vertx vertx;
    private final ProxyConfig config;
    private final Clock clock;
    private final ProxyMetrics metrics;
    private final SourceGuard guard;
    private final UpstreamFactory upstreams;
    private final ConcurrentHashMap<Long, ChannelSession> sessions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Viewer> viewers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, ChannelSession> viewerSessions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, HlsViewer> hlsTokens = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, HlsViewer> hlsViewers = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicReference<Future<Buffer>> slate = new AtomicReference<>();

    public SessionRegistry(Vertx vertx, ProxyConfig config, Clock clock, ProxyMetrics metrics, SourceGuard guard,
            UpstreamFactory upstreams) {
        this.vertx = vertx;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.guard = guard;
        this.upstreams = upstreams;
    }

    /** A new id for a session or a viewer; one sequence, so a kick by id is never ambiguous. */
    public long nextId() {
        return ids.incrementAndGet();
    }

    /** True when a viewer of this channel would need a new session and the node has no room. */
    public boolean atCapacity(long channelId) {
        return !sessions.containsKey(channelId) && sessions.size() >= config.session().maxSessions();
    }

    /** The channel's session, made here (single flight) when it has none. */
    private ChannelSession sessionOf(LiveChannel channel) {
        return sessions.computeIfAbsent(channel.id(), key -> {
            metrics.sessionOpened();
            return new ChannelSession(nextId(), channel, vertx.getOrCreateContext(), this);
        });
    }

    /** Attaches a viewer to the channel's session, creating and starting it if needed. */
    public void join(LiveChannel channel, Viewer viewer) {
        ChannelSession session = sessionOf(channel);
        viewers.put(viewer.id, viewer);
        viewerSessions.put(viewer.id, session);
        session.context().runOnContext(v -> {
            if (!session.attach(viewer)) {
                join(channel, viewer);
            }
        });
    }

    /** A new HLS viewer token: 144 random bits, URL-safe. */
    public String newToken() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The HLS viewer of this user, channel and address that is still active: a player asking again. */
    public Optional<HlsViewer> activeHlsViewer(long userId, long channelId, String address) {
        for (HlsViewer viewer : hlsViewers.values()) {
            if (viewer.userId == userId && viewer.channelId == channelId && viewer.address.equals(address)
                    && !viewer.isGone()) {
                viewer.touch(nanoTime());
                return Optional.of(viewer);
            }
        }
        return Optional.empty();
    }

    /**
     * Attaches an HLS viewer to the channel's session, creating and starting it if needed; the
     * future fails with the refusal when the session has no room.
     */
    public Future<Void> joinHls(LiveChannel channel, HlsViewer viewer) {
        hlsTokens.put(viewer.token, viewer);
        hlsViewers.put(viewer.id, viewer);
        Promise<Void> admitted = Promise.promise();
        attachHls(channel, viewer, admitted);
        return admitted.future();
    }

    private void attachHls(LiveChannel channel, HlsViewer viewer, Promise<Void> admitted) {
        ChannelSession session = sessionOf(channel);
        viewerSessions.put(viewer.id, session);
        session.context().runOnContext(v -> {
            if (!session.attachHls(viewer, admitted)) {
                attachHls(channel, viewer, admitted);
            }
        });
    }

    /** The live HLS viewer holding this token, recorded as active; empty when unknown or expired. */
    public Optional<HlsViewer> hlsViewer(String token) {
        HlsViewer viewer = hlsTokens.get(token);
        if (viewer == null || viewer.isGone()) {
            return Optional.empty();
        }
        viewer.touch(nanoTime());
        return Optional.of(viewer);
    }

    /** The viewer's live playlist, once its session has a segment; segment URIs start with prefix. */
    public Future<String> hlsPlaylist(HlsViewer viewer, String prefix) {
        return onViewerSession(viewer, session -> session.hlsPlaylist(prefix));
    }

    /**
     * A segment of the viewer's session, counted as served when {@code body}; empty when it is not
     * (or no longer) in the window.
     */
    public Future<Optional<SegmentWindow.Segment>> hlsSegment(HlsViewer viewer, long sequence, boolean body) {
        return onViewerSession(viewer, session -> Future.succeededFuture(session.hlsSegment(viewer, sequence, body)));
    }

    private <T> Future<T> onViewerSession(HlsViewer viewer, Function<ChannelSession, Future<T>> action) {
        ChannelSession session = viewerSessions.get(viewer.id);
        if (session == null) {
            return Future.failedFuture(new NoSuchElementException("viewer left"));
        }
        Promise<T> result = Promise.promise();
        session.context().runOnContext(v -> action.apply(session).onComplete(result));
        return result.future();
    }

    void hlsGone(HlsViewer viewer) {
        hlsTokens.remove(viewer.token, viewer);
        hlsViewers.remove(viewer.id, viewer);
        viewerSessions.remove(viewer.id);
    }

    /** Ends a viewer (or, given a session id, a whole session); false when the id is unknown. */
    public boolean kick(long id, String reason) {
        ChannelSession session = viewerSessions.get(id);
        Viewer viewer = viewers.get(id);
        if (session != null && viewer != null) {
            session.context().runOnContext(v -> session.kick(viewer, reason));
            return true;
        }
        HlsViewer hlsViewer = hlsViewers.get(id);
        if (session != null && hlsViewer != null) {
            session.context().runOnContext(v -> session.kickHls(hlsViewer, reason));
            return true;
        }
        for (ChannelSession s : sessions.values()) {
            if (s.id == id) {
                s.context().runOnContext(v -> s.close(reason));
                return true;
            }
        }
        return false;
    }

    /** Sessions and viewers, each session read on its own context. */
    public Future<SessionsSnapshot> snapshot() {
        List<Future<SessionsSnapshot>> parts = new ArrayList<>();
        for (ChannelSession session : sessions.values()) {
            Promise<SessionsSnapshot> part = Promise.promise();
            session.context().runOnContext(v -> {
                List<SessionsSnapshot.SessionInfo> s = new ArrayList<>();
                List<SessionsSnapshot.ViewerInfo> w = new ArrayList<>();
                session.describe(s, w);
                part.complete(new SessionsSnapshot(s, w));
            });
            parts.add(part.future());
        }
        return Future.join(parts).map(all -> {
            List<SessionsSnapshot.SessionInfo> s = new ArrayList<>();
            List<SessionsSnapshot.ViewerInfo> w = new ArrayList<>();
            for (Future<SessionsSnapshot> part : parts) {
                if (part.succeeded()) {
                    s.addAll(part.result().sessions());
                    w.addAll(part.result().viewers());
                }
            }
            return new SessionsSnapshot(s, w);
        });
    }

    /** Closes every session (application shutdown); completes when each has closed on its context. */
    public Future<Void> closeAll(String reason) {
        List<Future<Void>> closed = new ArrayList<>();
        for (ChannelSession session : sessions.values()) {
            Promise<Void> done = Promise.promise();
            session.context().runOnContext(v -> {
                session.close(reason);
                done.complete();
            });
            closed.add(done.future());
        }
        return Future.join(closed).mapEmpty();
    }

    void sessionClosed(ChannelSession session) {
        if (sessions.remove(session.channel.id(), session)) {
            metrics.sessionClosed();
        }
    }

    void viewerGone(Viewer viewer) {
        viewers.remove(viewer.id);
        viewerSessions.remove(viewer.id);
    }

    /** Answers a viewer that cannot be attached; headers are not sent yet at this point. */
    void refuse(Viewer viewer, int status, String code, String message) {
        metrics.refused(code);
        viewer.endReason = message;
        viewerGone(viewer);
        viewer.markGone();
        viewer.response.setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(Json.encode(new ApiError(status, code, message)));
    }

    /**
     * The fallback slate's bytes, read once without blocking (Vert.x file system) for all sessions,
     * or null when none is configured. The returned future completes on {@code context}, the
     * caller's session context: the shared read's own callbacks run on the context that started it,
     * which would run another session's slate (its timer, its fan-out) on the wrong event loop. A
     * failed read is retried on the next outage.
     */
    Future<Buffer> slate(Context context) {
        Optional<String> path = config.failover().fallbackSlate();
        if (path.isEmpty()) {
            return null;
        }
        Future<Buffer> current = slate.get();
        if (current == null || current.failed()) {
            Future<Buffer> read = vertx.fileSystem().readFile(path.get());
            current = slate.compareAndSet(current, read) ? read : slate.get();
        }
        Promise<Buffer> local = Promise.promise();
        current.onComplete(ar -> context.runOnContext(v -> local.handle(ar)));
        return local.future();
    }

    ProxyConfig config() {
        return config;
    }

    Clock clock() {
        return clock;
    }

    ProxyMetrics metrics() {
        return metrics;
    }

    SourceGuard guard() {
        return guard;
    }

    UpstreamFactory upstreams() {
        return upstreams;
    }

    long nanoTime() {
        return System.nanoTime();
    }

    int sessionCount() {
        return sessions.size();
    }
}
