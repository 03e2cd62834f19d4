package org.polyplex.proxy.session;

import java.util.List;
import java.util.Optional;

import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.catalog.CatalogSnapshot.Source;
import org.polyplex.platform.logging.Redaction;
import org.polyplex.proxy.ts.ChunkSink;
import org.polyplex.proxy.upstream.api.Upstream;

import io.quarkus.logging.Log;

import io.vertx.core.Context;
import io.vertx.core.Future;

/**
 * Which source feeds a session, with all of the node-wide {@link SourceGuard} accounting that goes
 * with it. It picks the channel's next eligible source (round robin from the one after the last
 * pick, skipping sources this node cannot play, whose backoff or open circuit breaker keeps them
 * out, or that are at their connection cap), holds one of that source's connection slots while its
 * attempt lives, and records the attempt's outcome: a first keyframe closes the source's breaker, a
 * failure backs it off. Attempts report here first; the session hears of them after the accounting.
 * It also makes the fallback slate's attempt, which the guard never counts, and the background
 * tries of earlier sources for {@link SourceReturn}, whose failures hold a slot while they run but
 * never back the source off. Confined to the session's context.
 */
final class SourceFailover {

    /** What the session hears of its attempts, after the accounting; on its context. */
    interface Listener {

        /** The attempt delivered its first keyframe. */
        void started(SourceAttempt attempt);

        /** The attempt failed (error, HTTP status, bad data, watchdog); it is closed already. */
        void failed(SourceAttempt attempt, String reason);
    }

    private final long sessionId;
    private final long channelId;
    private final List<Source> sources;
    private final SessionEnvironment env;
    private final ChunkSink viewers;
    private final Listener listener;
    private int next;
    private long failovers;

    /** @param viewers where every attempt's chunks go */
    SourceFailover(long sessionId, LiveChannel channel, SessionEnvironment env, ChunkSink viewers, Listener listener) {
        this.sessionId = sessionId;
        this.channelId = channel.id();
        this.sources = channel.sources();
        this.env = env;
        this.viewers = viewers;
        this.listener = listener;
    }

    /**
     * The next eligible source as an attempt, not opened yet (the session makes it current first,
     * as it may fail at once), or empty when none is eligible now.
     *
     * @param splice whether the session already sent bytes
     */
    Optional<SourceAttempt> next(boolean splice) {
        for (int n = 0; n < sources.size(); n++) {
            int index = (next + n) % sources.size();
            Optional<SourceAttempt> attempt = open(index, splice, false);
            if (attempt.isPresent()) {
                next = (index + 1) % sources.size();
                return attempt;
            }
        }
        return Optional.empty();
    }

    /** Whether {@code live} plays a source that comes after another one in the channel's list. */
    boolean later(SourceAttempt live) {
        return indexOf(live) > 0;
    }

    /**
     * A background try of the first eligible source listed before the one {@code live} plays, not
     * opened yet, or empty when none is eligible now (backoff, open breaker, connection cap).
     */
    Optional<SourceAttempt> earlier(SourceAttempt live) {
        int below = indexOf(live);
        for (int index = 0; index < below; index++) {
            Optional<SourceAttempt> attempt = open(index, true, true);
            if (attempt.isPresent()) {
                return attempt;
            }
        }
        return Optional.empty();
    }

    /** Once an earlier source took over: a failover from it goes on from the one after it. */
    void returned(SourceAttempt attempt) {
        attempt.tookOver();
        next = (indexOf(attempt) + 1) % sources.size();
    }

    private int indexOf(SourceAttempt attempt) {
        for (int index = 0; index < sources.size(); index++) {
            if (sources.get(index).id() == attempt.source.id()) {
                return index;
            }
        }
        return -1;
    }

    private Optional<SourceAttempt> open(int index, boolean splice, boolean returning) {
        SourceGuard guard = env.guard();
        Source source = sources.get(index);
        if (!env.upstreams().supports(source.url()) || !guard.healthy(source.id())) {
            return Optional.empty();
        }
        Optional<Upstream> upstream = env.upstreams().create(source.url(), source.headers());
        if (upstream.isEmpty() || !guard.tryAcquire(source.id(), source.maxConnections())) {
            return Optional.empty();
        }
        env.metrics().upstreamOpened();
        Log.infof("session=%d channel=%d %s source=%d %s", sessionId, channelId,
                returning ? "trying earlier" : "connecting", source.id(), Redaction.origin(source.url()));
        return Optional.of(new SourceAttempt(this, source, upstream.get(), splice, returning, env.config(), env.nanoTime(),
                viewers));
    }

    /**
     * An attempt that plays the fallback slate, not opened yet, once its shared file is read; on
     * {@code context}, the session's. Fails when the file cannot be read.
     */
    Future<SourceAttempt> slate(Context context, boolean splice) {
        return env.slate().bytes(context).map(content -> new SourceAttempt(this, SourceAttempt.SLATE,
                env.slate().player(content), splice, false, env.config(), env.nanoTime(), viewers));
    }

    /** Stops an attempt (none when null) and gives its connection slot back, once. */
    void release(SourceAttempt attempt) {
        if (attempt != null && attempt.close() && !attempt.slate()) {
            env.guard().release(attempt.source.id());
        }
    }

    /** The live source failed with viewers attached: counted as one failover. */
    void failedOver() {
        failovers++;
        env.metrics().failover();
    }

    long failovers() {
        return failovers;
    }

    void started(SourceAttempt attempt) {
        if (!attempt.slate()) {
            env.guard().succeeded(attempt.source.id());
        }
        listener.started(attempt);
    }

    void failed(SourceAttempt attempt, String reason) {
        if (attempt.returning()) {
            env.guard().release(attempt.source.id());
            Log.infof("session=%d channel=%d earlier source=%d still down: %s", sessionId, channelId,
                    attempt.source.id(), Redaction.text(reason));
        } else if (!attempt.slate()) {
            long sourceId = attempt.source.id();
            env.guard().release(sourceId);
            boolean opened = env.guard().failed(sourceId);
            Log.infof("session=%d channel=%d source=%d failed: %s%s", sessionId, channelId, sourceId,
                    Redaction.text(reason),
                    opened ? " (circuit breaker open for " + env.config().failover().breakerOpen() + ")" : "");
        }
        listener.failed(attempt, reason);
    }
}
