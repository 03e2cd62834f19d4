package org.polyplex.proxy.session;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.proxy.hls.SegmentWindow;
import org.polyplex.proxy.memory.MemoryBudget;
import org.polyplex.proxy.viewer.Admission;
import org.polyplex.proxy.viewer.Audience;
import org.polyplex.proxy.viewer.HlsTokens;
import org.polyplex.proxy.viewer.HlsViewer;
import org.polyplex.proxy.viewer.Viewer;
import org.polyplex.proxy.viewer.ViewerIdentity;
import org.polyplex.proxy.viewer.ViewerInfo;

import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * All channel sessions of this node. Creation is single-flight: one map entry per
 * {@link SessionKey} (a channel, or a channel through an output profile), made by
 * {@code computeIfAbsent}, so N simultaneous first viewers share one session and one upstream. A session is pinned to the
 * context that created it (the first viewer's event loop);
 * joins, kicks and snapshots hop onto that context. A closing session removes itself from the map
 * on its own context before it reports Closed, so a join that finds it closed simply retries.
 * Sessions know the registry only as their {@link SessionOwner}; what they share comes in their
 * {@link SessionEnvironment}.
 */
public final class SessionRegistry {

    private final SessionEnvironment env;
    private final HlsTokens tokens;
    private final SessionOwner owner = new Owner();
    private final ConcurrentHashMap<SessionKey, ChannelSession> sessions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, ViewerIdentity> viewers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, ChannelSession> viewerSessions = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** @param tokens the HLS viewers' tokens, forgotten here when their viewers leave */
    public SessionRegistry(SessionEnvironment env, HlsTokens tokens) {
        this.env = env;
        this.tokens = tokens;
        env.metrics().memory(env.memory());
    }

    /** A new id for a session or a viewer; one sequence, so a kick by id is never ambiguous. */
    public long nextId() {
        return ids.incrementAndGet();
    }

    /** True when a viewer of this channel would need a new session and the node has no room. */
    public boolean atCapacity(long channelId) {
        return atCapacity(SessionKey.of(channelId));
    }

    /**
     * True when a viewer of this session key would need new sessions and the node has no room for
     * them: a profile's session needs the channel's own session too, for its transcoder to tap.
     */
    public boolean atCapacity(SessionKey key) {
        int needed = sessions.containsKey(key) ? 0 : 1;
        if (needed > 0 && key.profile() != null && !sessions.containsKey(SessionKey.of(key.channelId()))) {
            needed++;
        }
        return needed > 0 && sessions.size() + needed > env.config().session().maxSessions();
    }

    /** Whether this viewer is in the session of this key (an HLS player asking again for the same stream). */
    public boolean watches(long viewerId, SessionKey key) {
        ChannelSession session = viewerSessions.get(viewerId);
        return session != null && session.key().equals(key);
    }

    /** Whether the key has a session on this node now. */
    public boolean running(SessionKey key) {
        return sessions.containsKey(key);
    }

    /** Sessions running on this node. */
    public int sessionCount() {
        return sessions.size();
    }

    /**
     * Attaches a TS viewer to the channel's session, creating and starting it if needed. The
     * admission hears the outcome on the session's context, before the viewer's first byte.
     */
    public void join(LiveChannel channel, Viewer viewer, Admission admission) {
        join(SessionKey.of(channel.id()), channel, viewer, admission);
    }

    /**
     * As {@link #join(LiveChannel, Viewer, Admission)}, to the session of this key, which plays
     * {@code channel} (for a profile: the channel whose one source is the profile's transcoder).
     */
    public void join(SessionKey key, LiveChannel channel, Viewer viewer, Admission admission) {
        viewers.put(viewer.id(), viewer);
        attach(key, channel, viewer, admission);
    }

    /**
     * Attaches an HLS viewer to the channel's session, creating and starting it if needed, and
     * makes its token valid; the admission hears the outcome on the session's context.
     */
    public void joinHls(LiveChannel channel, HlsViewer viewer, Admission admission) {
        joinHls(SessionKey.of(channel.id()), channel, viewer, admission);
    }

    /** As {@link #joinHls(LiveChannel, HlsViewer, Admission)}, to the session of this key. */
    public void joinHls(SessionKey key, LiveChannel channel, HlsViewer viewer, Admission admission) {
        tokens.add(viewer);
        viewers.put(viewer.id(), viewer);
        attach(key, channel, viewer, admission);
    }

    /**
     * Attaches an internal consumer (recorder, transcoder) to the channel's session, creating and
     * starting the session if needed; it holds the session open until closed, and hears on the
     * session's context of every chunk from a keyframe on. When the node runs its most sessions or
     * has no memory for another ring, the sink is told at once that the tap ended.
     */
    public SessionTap tap(LiveChannel channel, String purpose, TapSink sink) {
        Tap tap = new Tap(new Taps.Entry(purpose, sink));
        if (atCapacity(channel.id())) {
            refuse(tap, "this server runs its most sessions already");
        } else {
            attach(channel, tap);
        }
        return tap;
    }

    private void attach(LiveChannel channel, Tap tap) {
        ChannelSession session = sessions.computeIfAbsent(SessionKey.of(channel.id()),
                key -> newSession(key, channel));
        if (session == null) {
            refuse(tap, "this server has no memory left for another channel");
            return;
        }
        tap.session = session;
        session.context().runOnContext(v -> {
            if (!tap.closed && !session.attach(tap.entry)) {
                attach(channel, tap);
            }
        });
    }

    private void refuse(Tap tap, String reason) {
        env.vertx().getOrCreateContext().runOnContext(v -> tap.entry.sink.ended(reason));
    }

    private void attach(SessionKey key, LiveChannel channel, ViewerIdentity viewer, Admission admission) {
        ChannelSession session = sessions.computeIfAbsent(key, k -> newSession(k, channel));
        if (session == null) {
            Audience.turnAway(viewer);
            owner.viewerLeft(viewer);
            admission.refused(MemoryBudget.REFUSAL, "this server has no memory left for another channel");
            return;
        }
        viewerSessions.put(viewer.id(), session);
        session.context().runOnContext(v -> {
            if (!session.attach(viewer, admission)) {
                attach(key, channel, viewer, admission);
            }
        });
    }

    /** A new session holding its ring's reservation; null when the memory budget has no room for the ring. */
    private ChannelSession newSession(SessionKey key, LiveChannel channel) {
        Optional<MemoryBudget.Reservation> ring = env.memory().reserve(env.config().session().ringBytes());
        if (ring.isEmpty()) {
            return null;
        }
        env.metrics().sessionOpened();
        return new ChannelSession(nextId(), key, channel, env.vertx().getOrCreateContext(), env, owner, ring.get());
    }

    /** The node's memory budget (reserved and total bytes). */
    public MemoryBudget memory() {
        return env.memory();
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
        return onViewerSession(viewer, session -> Future.succeededFuture(session.audience().segment(viewer, sequence, body)));
    }

    private <T> Future<T> onViewerSession(HlsViewer viewer, Function<ChannelSession, Future<T>> action) {
        ChannelSession session = viewerSessions.get(viewer.id());
        if (session == null) {
            return Future.failedFuture(new NoSuchElementException("viewer left"));
        }
        Promise<T> result = Promise.promise();
        session.context().runOnContext(v -> action.apply(session).onComplete(result));
        return result.future();
    }

    /** Ends a viewer (or, given a session id, a whole session); false when the id is unknown. */
    public boolean kick(long id, String reason) {
        ChannelSession session = viewerSessions.get(id);
        ViewerIdentity viewer = viewers.get(id);
        if (session != null && viewer != null) {
            session.context().runOnContext(v -> session.audience().kick(viewer, reason));
            return true;
        }
        for (ChannelSession s : sessions.values()) {
            if (s.id() == id) {
                s.context().runOnContext(v -> s.close(reason));
                return true;
            }
        }
        return false;
    }

    /** Sessions and viewers, each session read on its own context, and the memory budget. */
    public Future<SessionsSnapshot> snapshot() {
        List<Future<SessionsSnapshot>> parts = new ArrayList<>();
        for (ChannelSession session : sessions.values()) {
            Promise<SessionsSnapshot> part = Promise.promise();
            session.context().runOnContext(v -> {
                List<SessionsSnapshot.SessionInfo> s = new ArrayList<>();
                session.describe(s).onComplete(w -> part.complete(new SessionsSnapshot(s,
                        w.succeeded() ? w.result() : List.of(), null)));
            });
            parts.add(part.future());
        }
        return Future.join(parts).map(all -> {
            List<SessionsSnapshot.SessionInfo> s = new ArrayList<>();
            List<ViewerInfo> w = new ArrayList<>();
            for (Future<SessionsSnapshot> part : parts) {
                if (part.succeeded()) {
                    s.addAll(part.result().sessions());
                    w.addAll(part.result().viewers());
                }
            }
            MemoryBudget memory = env.memory();
            return new SessionsSnapshot(s, w, new SessionsSnapshot.Memory(memory.used(), memory.total()));
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

    /** A tap's handle: closing it hops to the session it is (or is about to be) attached to. */
    private static final class Tap implements SessionTap {
        final Taps.Entry entry;
        volatile ChannelSession session;
        volatile boolean closed;

        Tap(Taps.Entry entry) {
            this.entry = entry;
        }

        @Override
        public void close() {
            closed = true;
            ChannelSession s = session;
            if (s != null) {
                s.context().runOnContext(v -> s.detach(entry));
            }
        }
    }

    /** The registry as its sessions see it; called on a session's context. */
    private final class Owner implements SessionOwner {

        @Override
        public void viewerLeft(ViewerIdentity viewer) {
            viewers.remove(viewer.id(), viewer);
            viewerSessions.remove(viewer.id());
            if (viewer instanceof HlsViewer hls) {
                tokens.remove(hls);
            }
        }

        @Override
        public void sessionEnded(ChannelSession session) {
            if (sessions.remove(session.key(), session)) {
                env.metrics().sessionClosed();
            }
        }
    }
}
