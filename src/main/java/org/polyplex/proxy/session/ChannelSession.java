package org.polyplex.proxy.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.catalog.CatalogSnapshot.Source;
import org.polyplex.platform.logging.Redaction;
import org.polyplex.proxy.config.ProxyConfig;
import org.polyplex.proxy.memory.MemoryBudget;
import org.polyplex.proxy.session.SessionState.Closed;
import org.polyplex.proxy.session.SessionState.Connecting;
import org.polyplex.proxy.session.SessionState.Fallback;
import org.polyplex.proxy.session.SessionState.Lingering;
import org.polyplex.proxy.session.SessionState.Outage;
import org.polyplex.proxy.session.SessionState.Streaming;
import org.polyplex.proxy.session.SessionState.Switching;
import org.polyplex.proxy.ts.PacketRing;
import org.polyplex.proxy.viewer.Admission;
import org.polyplex.proxy.viewer.Audience;
import org.polyplex.proxy.viewer.ViewerIdentity;
import org.polyplex.proxy.viewer.ViewerInfo;

import io.quarkus.logging.Log;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;

/**
 * One channel's upstream fanned out to its viewers. Everything here runs on one Vert.x context
 * ({@link #context()}): upstream callbacks, viewer joins and leaves (hopped onto it by the
 * registry) and the housekeeping tick, so no field needs a lock or volatile.
 * <p>
 * The session is the lifecycle: its {@link SessionState} carries the attempt, the slate and the
 * times; its {@link SourceFailover} picks and accounts the sources; its {@link Audience} holds the
 * viewers and takes the chunks straight from the attempt. The tick runs the source watchdog,
 * retries sources during an outage (with null-packet keepalive for the viewers), plays the slate
 * or gives up past the keepalive bound, tries the earlier sources in the background while a later
 * one streams ({@link SourceReturn}), ends a lingering session, and flushes counters.
 */
final class ChannelSession implements SourceFailover.Listener, Audience.Listener {

    private final long id;
    private final SessionKey key;
    private final LiveChannel channel;
    private final Context context;
    private final SessionEnvironment env;
    private final ProxyConfig config;
    private final SessionOwner owner;
    private final PacketRing ring;
    private final Audience audience;
    private final Taps taps;
    private final SourceFailover sources;
    private final SourceReturn returns;
    private final Instant created;
    private final MemoryBudget.Reservation ringReservation;
    private SessionState state = new SessionState.Idle();
    private long timer = -1;
    private long bytesInReported;

    /** @param ringReservation the ring's share of the memory budget, given back when the session closes */
    ChannelSession(long id, SessionKey key, LiveChannel channel, Context context, SessionEnvironment env, SessionOwner owner,
            MemoryBudget.Reservation ringReservation) {
        this.id = id;
        this.key = key;
        this.channel = channel;
        this.context = context;
        this.env = env;
        this.config = env.config();
        this.owner = owner;
        this.ring = new PacketRing(config.session().ringChunks(), config.session().ringBytes());
        this.ringReservation = ringReservation;
        this.audience = new Audience(id, ring, context, config, env.metrics(), env.nanoTime(), env.memory(), this);
        this.taps = new Taps(id, audience, this::idleCheck);
        this.sources = new SourceFailover(id, channel, env, taps, this);
        this.returns = new SourceReturn(sources, config.failover());
        this.created = env.clock().instant();
    }

    long id() {
        return id;
    }

    /** The registry's key of this session: the channel, and the profile it plays through if any. */
    SessionKey key() {
        return key;
    }

    LiveChannel channel() {
        return channel;
    }

    Context context() {
        return context;
    }

    /** The session's viewers; on the session's context only. */
    Audience audience() {
        return audience;
    }

    /**
     * Adds a viewer of either kind, or refuses it (session full, or no memory for its buffers) and has
     * it leave like any viewer; false when the session already closed (the registry makes a new one).
     */
    boolean attach(ViewerIdentity viewer, Admission admission) {
        if (state instanceof Closed) {
            return false;
        }
        if (!audience.room(viewer, admission, config.session().maxViewers())) {
            left(viewer);
            return true;
        }
        activate();
        audience.add(viewer, admission);
        return true;
    }

    /**
     * Attaches a tap, which holds the session open; false when the session already closed. The tap
     * is registered before the session connects, so that however the connecting goes, the session's
     * end reaches it.
     */
    boolean attach(Taps.Entry tap) {
        if (state instanceof Closed) {
            return false;
        }
        taps.add(tap, ring);
        activate();
        Log.infof("session=%d channel=%d tap %s attached", id, channel.id(), tap.purpose);
        return true;
    }

    /** Detaches a tap (closed by its owner); the session lingers or closes if nothing else holds it. */
    void detach(Taps.Entry tap) {
        if (taps.remove(tap)) {
            Log.infof("session=%d channel=%d tap %s detached", id, channel.id(), tap.purpose);
            idleCheck();
        }
    }

    /** The live playlist for an HLS viewer, once the first segment exists; segment URIs start with prefix. */
    Future<String> hlsPlaylist(String prefix) {
        if (state instanceof Closed) {
            return Future.failedFuture("the channel's session ended");
        }
        return audience.playlist(prefix);
    }

    /** Starts an idle session or resumes a lingering one, for a viewer that joins. */
    private void activate() {
        if (state instanceof SessionState.Idle idle) {
            state = idle.connect(now());
            timer = env.vertx().setPeriodic(config.session().tick().toMillis(), t -> tick());
            Log.infof("session=%d channel=%d opened", id, channel.id());
            connectNext();
        } else if (state instanceof Lingering lingering) {
            state = lingering.resume(now());
        }
    }

    /** A viewer left: the session lingers, or closes, when no viewer of either kind is left. */
    @Override
    public void left(ViewerIdentity viewer) {
        owner.viewerLeft(viewer);
        idleCheck();
    }

    /** Lingers, or closes, when neither a viewer of either kind nor a tap is left. */
    private void idleCheck() {
        if (audience.size() > 0 || taps.size() > 0 || state instanceof Closed) {
            return;
        }
        if (state instanceof Streaming streaming) {
            state = streaming.linger(now() + config.session().linger().toNanos());
        } else {
            close("nothing left watching while " + state.name());
        }
    }

    /** Opens the next eligible source as the outage's attempt; waits for the tick if none is eligible now. */
    private void connectNext() {
        if (!(state instanceof Outage outage)) {
            return;
        }
        Optional<SourceAttempt> next = sources.next(ring.head() > 0);
        if (next.isPresent()) {
            state = outage.retry(next.get());
            next.get().open();
        }
    }

    /** An attempt delivered its first keyframe: a real source ends the outage (and the slate). */
    @Override
    public void started(SourceAttempt started) {
        if (returns.owns(started)) {
            returnTo(started);
            return;
        }
        if (started.slate()) {
            Log.infof("session=%d channel=%d every source is down: playing the fallback slate", id, channel.id());
            return;
        }
        if (!(state instanceof Outage outage) || outage.attempt() != started) {
            return;
        }
        if (outage instanceof Fallback fallback) {
            sources.release(fallback.slate());
        }
        long now = now();
        state = outage.streaming(now, started);
        Log.infof("session=%d channel=%d streaming source=%d after %d ms", id, channel.id(), started.source.id(),
                (now - outage.since()) / 1_000_000);
    }

    /** An earlier source's background try delivered its keyframe: it replaces the later source. */
    private void returnTo(SourceAttempt earlier) {
        if (!(state instanceof Streaming streaming)) {
            returns.cancel();
            return;
        }
        SourceAttempt later = streaming.attempt();
        state = new Streaming(now(), earlier);
        returns.tookOver(earlier);
        sources.release(later);
        env.metrics().sourceReturned();
        Log.infof("session=%d channel=%d back on earlier source=%d, source=%d stopped", id, channel.id(),
                earlier.source.id(), later.source.id());
    }

    /** An attempt failed (the failover already counted it): fail over, retry, or close. */
    @Override
    public void failed(SourceAttempt failed, String reason) {
        if (returns.owns(failed)) {
            returns.failed(now());
            return;
        }
        if (failed.slate()) {
            close("fallback slate failed: " + reason);
            return;
        }
        if (failed != state.attempt()) {
            return;
        }
        if (state instanceof Lingering) {
            close("upstream failed while lingering");
            return;
        }
        if (state instanceof Streaming streaming) {
            returns.cancel();
            state = streaming.failover(now());
            sources.failedOver();
        } else if (state instanceof Outage outage) {
            state = outage.retry(null);
        }
        connectNext();
    }

    private void tick() {
        long now = now();
        watchdog(now);
        if (state instanceof Fallback fallback && fallback.overdue(now, config.failover())) {
            close("all sources down, fallback slate over");
            return;
        }
        if (state instanceof Outage outage && outage.overdue(now, config.failover())) {
            allSourcesDown(outage, now);
            return;
        }
        if (state instanceof Outage outage && outage.attempt() == null) {
            connectNext();
        }
        if (state instanceof Connecting || state instanceof Switching) {
            audience.keepalive(now);
        }
        returns.tick(now, state instanceof Streaming streaming ? streaming.attempt() : null);
        audience.tick(now);
        if (state instanceof Lingering lingering && lingering.over(now)) {
            close("linger over");
            return;
        }
        flushCounters();
    }

    /** Checks the first-byte, keyframe and idle bounds of the attempt and of the slate. */
    private void watchdog(long now) {
        SourceAttempt live = state.attempt();
        if (live != null) {
            live.watchdog(now);
        }
        if (state instanceof Fallback fallback && fallback.slate() != null) {
            fallback.slate().watchdog(now);
        }
        returns.watchdog(now);
    }

    /** After the keepalive bound: play the fallback slate if there is one, else end the viewers. */
    private void allSourcesDown(Outage outage, long now) {
        boolean slate = env.slate().configured();
        Log.warnf("session=%d channel=%d every source is down for %d ms: %s %d viewers", id, channel.id(),
                (now - outage.since()) / 1_000_000, slate ? "playing the fallback slate to" : "ending", audience.size());
        if (!slate) {
            close("all sources down");
            return;
        }
        state = outage.fallback();
        sources.slate(context, ring.head() > 0).onComplete(this::slateReady);
    }

    private void slateReady(AsyncResult<SourceAttempt> slate) {
        if (!(state instanceof Fallback fallback) || fallback.slate() != null) {
            return;
        }
        if (slate.failed()) {
            close("all sources down; fallback slate unreadable: " + slate.cause().getClass().getSimpleName());
            return;
        }
        state = fallback.playing(slate.result());
        slate.result().open();
    }

    /** Ends the viewers, releases the upstream and leaves the registry. */
    void close(String reason) {
        if (state instanceof Closed) {
            return;
        }
        SessionState was = state;
        state = was.close(reason);
        owner.sessionEnded(this);
        if (timer >= 0) {
            env.vertx().cancelTimer(timer);
        }
        sources.release(was.attempt());
        returns.cancel();
        if (was instanceof Fallback fallback) {
            sources.release(fallback.slate());
        }
        audience.endAll(reason);
        taps.endAll(reason);
        ringReservation.release();
        flushCounters();
        Log.infof("session=%d channel=%d closed: %s (bytes in %d, failovers %d)", id, channel.id(), Redaction.text(reason),
                ring.bytesIn(), sources.failovers());
    }

    private void flushCounters() {
        long in = ring.bytesIn();
        env.metrics().bytes(in - bytesInReported, audience.drainBytesOut());
        bytesInReported = in;
    }

    private long now() {
        return env.nanoTime().getAsLong();
    }

    /** Adds this session to a snapshot and reads its viewers; on the context only. */
    Future<List<ViewerInfo>> describe(List<SessionsSnapshot.SessionInfo> sessions) {
        SourceAttempt live = state.attempt();
        Source source = live == null ? null : live.source;
        sessions.add(new SessionsSnapshot.SessionInfo(id, channel.id(), channel.name(),
                source == null ? null : source.id(), source == null ? null : Redaction.origin(source.url()),
                state.name(), ring.bytesIn(), audience.size(), taps.size(), sources.failovers(), created));
        return audience.describe();
    }
}
