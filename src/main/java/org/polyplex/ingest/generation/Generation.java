package org.polyplex.ingest.generation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;

/** One start of a stream, from its first publish (or admin start) to its end. */
@Entity
@Table(name = "stream_generations")
public class Generation extends PanacheEntityBase {

    static final String OPEN = "state in ('starting', 'live')";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "stream_generations_seq")
    @SequenceGenerator(name = "stream_generations_seq", sequenceName = "stream_generations_seq", allocationSize = 50)
    public Long id;

    @Column(name = "stream_id", nullable = false)
    public long streamId;

    @Column(nullable = false, length = 10)
    public GenerationState state;

    /** Why it ended or failed. */
    @Column(length = 500)
    public String reason;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "live_at")
    public Instant liveAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    /** When a publisher was last admitted to it. */
    @Column(name = "last_publish_at")
    public Instant lastPublishAt;

    /** When its publisher left (or, for an admin start, since when it waits for one); null while one publishes. */
    @Column(name = "publisher_gone_at")
    public Instant publisherGoneAt;

    /** The node holding it while open (its publisher and packager); null on rows from before nodes were kept. */
    @Column(length = 100)
    public String node;

    /** When its node last refreshed it (opened, joined, or its periodic refresh). */
    @Column(name = "seen_at")
    public Instant seenAt;

    static Optional<Generation> openOf(long streamId) {
        return Generation.<Generation> find("streamId = ?1 and " + OPEN, Sort.descending("id"), streamId)
                .firstResultOptional();
    }

    static Optional<Generation> latestOf(long streamId) {
        return Generation.<Generation> find("streamId", Sort.descending("id"), streamId).firstResultOptional();
    }

    static List<Generation> allOpen() {
        return Generation.list(OPEN, Sort.by("id"));
    }

    /** The open generations this node holds, and those with no node (rows from before nodes were kept). */
    static List<Generation> openOfNode(String node) {
        return Generation.list(OPEN + " and (node = ?1 or node is null)", Sort.by("id"), node);
    }

    /**
     * Open generations of other nodes that their node has not refreshed since {@code cutoff}, their
     * rows locked: of two nodes sweeping at once, the second finds them ended and skips them.
     */
    static List<Generation> orphanedSince(String node, Instant cutoff) {
        return Generation.<Generation> find(OPEN + " and node <> ?1 and (seenAt is null or seenAt < ?2)",
                Sort.by("id"), node, cutoff).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** Marks this node's open generations seen at {@code now}; answers how many. */
    static int refresh(String node, Instant now) {
        return Generation.update("seenAt = ?1 where node = ?2 and " + OPEN, now, node);
    }

    static List<Generation> idleSince(Instant cutoff) {
        return Generation.list(OPEN + " and publisherGoneAt is not null and publisherGoneAt <= ?1", Sort.by("id"),
                cutoff);
    }
}
