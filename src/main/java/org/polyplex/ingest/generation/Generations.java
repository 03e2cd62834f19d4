package org.polyplex.ingest.generation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.polyplex.ingest.streams.Stream;
import org.polyplex.platform.ClusterConfig;
import org.polyplex.platform.NodeName;
import org.polyplex.platform.web.ApiException;
import org.polyplex.platform.web.Page;

import io.quarkus.logging.Log;
import io.quarkus.panache.common.Sort;

/**
 * The generations of streams and their transitions ({@link GenerationState}). A stream has at most
 * one open generation: opening one locks the stream's row. Blocking and transactional: call from
 * worker threads. Events ({@link GenerationStarted}, {@link GenerationEnded}) reach
 * {@code AFTER_SUCCESS} observers once the change is committed.
 */
@ApplicationScoped
public class Generations {

    static final String RESTARTED = "server restarted";
    static final String NODE_GONE = "its node stopped answering";
    static final int MAX_REASON = 500;

    private final Clock clock;
    private final GenerationConfig config;
    private final String node;
    private final Duration nodeStale;
    private final Event<GenerationStarted> started;
    private final Event<GenerationEnded> ended;

    Generations(Clock clock, GenerationConfig config, NodeName node, ClusterConfig cluster,
            Event<GenerationStarted> started, Event<GenerationEnded> ended) {
        this.clock = clock;
        this.config = config;
        this.node = node.value();
        this.nodeStale = cluster.nodeStale();
        this.started = started;
        this.ended = ended;
    }

    /**
     * A publisher was admitted to the stream: joins its open generation (records the publish,
     * clears the publisher-gone mark) or opens a new one in {@code starting}. The answer is
     * {@code resumed} when that open generation had a publisher before (an encoder reconnect), not
     * when it was opened by an admin start and waited for its first. 404 for an unknown stream.
     */
    @Transactional
    public GenerationRef begin(long streamId) {
        Stream.lock(streamId);
        Instant now = clock.instant();
        Optional<Generation> open = Generation.openOf(streamId);
        if (open.isPresent()) {
            Generation g = open.get();
            boolean resumed = g.lastPublishAt != null;
            g.lastPublishAt = now;
            g.publisherGoneAt = null;
            g.node = node;
            g.seenAt = now;
            return new GenerationRef(streamId, g.id, g.state, resumed);
        }
        Generation g = open(streamId, now);
        g.lastPublishAt = now;
        return new GenerationRef(streamId, g.id, g.state, false);
    }

    /**
     * An admin start: opens a generation in {@code starting} that waits for a publisher (the idle
     * bound runs from now until one comes). 404 for an unknown stream, 409 when one is open.
     */
    @Transactional
    public GenerationRef start(long streamId) {
        Stream.lock(streamId);
        Optional<Generation> open = Generation.openOf(streamId);
        if (open.isPresent()) {
            throw ApiException.conflict("state", "stream " + streamId + " already has generation " + open.get().id
                    + " " + open.get().state.wire());
        }
        Instant now = clock.instant();
        Generation g = open(streamId, now);
        g.publisherGoneAt = now;
        return new GenerationRef(streamId, g.id, g.state, false);
    }

    /** An admin stop: ends the open generation. 404 for an unknown stream, 409 when none is open. */
    @Transactional
    public Generation stop(long streamId, String reason) {
        Stream.lock(streamId);
        Generation g = Generation.openOf(streamId)
                .orElseThrow(() -> ApiException.conflict("state", "stream " + streamId + " has no open generation"));
        return finish(g, g.state.toEnded(), reason);
    }

    /** The first playable playlist exists: starting -> live (live stays live). */
    @Transactional
    public void markLive(long generationId) {
        Generation g = lock(generationId);
        GenerationState next = g.state.toLive();
        if (g.state != next) {
            g.state = next;
            g.liveAt = clock.instant();
        }
    }

    /** It cannot start or carry on: starting or live -> failed, with the reason. */
    @Transactional
    public void fail(long generationId, String reason) {
        Generation g = lock(generationId);
        finish(g, g.state.toFailed(), reason);
    }

    /** Ends an open generation with the reason: starting or live -> ended. */
    @Transactional
    public void end(long generationId, String reason) {
        Generation g = lock(generationId);
        finish(g, g.state.toEnded(), reason);
    }

    /**
     * The publisher left: the generation stays open, and ends once the idle bound passes without a
     * new {@link #begin(long)}. Nothing happens for a generation that has already ended (the
     * publisher of a stopped stream goes away after the stop).
     */
    @Transactional
    public void publisherGone(long generationId) {
        Generation g = lock(generationId);
        if (g.state.open() && g.publisherGoneAt == null) {
            g.publisherGoneAt = clock.instant();
        }
    }

    /**
     * The periodic upkeep: refreshes this node's open generations ({@code seen_at}), ends every
     * open generation whose publisher has been gone longer than the idle bound, and those of other
     * nodes left unrefreshed longer than {@code polyplex.cluster.node-stale}. Answers how many ended.
     */
    @Transactional
    public int sweepIdle() {
        Instant now = clock.instant();
        Generation.refresh(node, now);
        List<Generation> idle = Generation.idleSince(now.minus(config.idleEnd()));
        for (Generation g : idle) {
            finish(g, g.state.toEnded(), "no publisher for " + config.idleEnd().toSeconds() + " s");
        }
        return idle.size() + endOrphans(now);
    }

    private int endOrphans(Instant now) {
        List<Generation> orphans = Generation.orphanedSince(node, now.minus(nodeStale));
        for (Generation g : orphans) {
            finish(g, g.state.toEnded(), NODE_GONE + " (" + g.node + ")");
        }
        return orphans.size();
    }

    /**
     * Ends the generations this node's previous process left open ({@value #RESTARTED}): their
     * publishers' connections and packagers died with it, and a fresh generation is safer than
     * resuming one whose segments and playlists may be half-written. Another node's open
     * generations are left to it, unless it has not refreshed them within the stale bound (then it
     * is gone, and they are ended too). Answers how many.
     */
    @Transactional
    public int recoverAfterRestart() {
        List<Generation> open = Generation.openOfNode(node);
        for (Generation g : open) {
            finish(g, g.state.toEnded(), RESTARTED);
        }
        if (!open.isEmpty()) {
            Log.infof("ended %d stream generations left open by this node's previous run", open.size());
        }
        return open.size() + endOrphans(clock.instant());
    }

    /** Every open generation (starting or live), of all streams. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Generation> open() {
        return Generation.allOpen();
    }

    /** The stream's open generation, if any. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Generation> openOf(long streamId) {
        return Generation.openOf(streamId);
    }

    /** The stream's newest generation, open or not. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Generation> latestOf(long streamId) {
        return Generation.latestOf(streamId);
    }

    /** The stream's generations, newest first; 404 for an unknown stream. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Generation> list(long streamId, int page, int size) {
        Stream.require(streamId);
        var query = Generation.<Generation> find("streamId", Sort.descending("id"), streamId);
        return new Page<>(query.page(page, size).list(), query.count());
    }

    private Generation open(long streamId, Instant now) {
        Generation g = new Generation();
        g.streamId = streamId;
        g.state = GenerationState.STARTING;
        g.startedAt = now;
        g.node = node;
        g.seenAt = now;
        g.persist();
        started.fire(new GenerationStarted(streamId, g.id));
        Log.infof("stream %d: generation %d starting", streamId, g.id);
        return g;
    }

    private Generation finish(Generation g, GenerationState next, String reason) {
        String why = reason == null || reason.isBlank() ? next.wire() : reason.strip();
        g.state = next;
        g.reason = why.length() > MAX_REASON ? why.substring(0, MAX_REASON) : why;
        g.endedAt = clock.instant();
        ended.fire(new GenerationEnded(g.streamId, g.id, g.reason));
        Log.infof("stream %d: generation %d %s (%s)", g.streamId, g.id, next.wire(), g.reason);
        return g;
    }

    private static Generation lock(long generationId) {
        return Generation.<Generation> findByIdOptional(generationId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ApiException.notFound("generation", generationId));
    }
}
