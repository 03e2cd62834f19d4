package org.polyplex.ingest.streams;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.polyplex.platform.web.ApiException;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A stream publishers send to, played by its linked channel. */
@Entity
@Table(name = "streams")
public class Stream extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "streams_seq")
    @SequenceGenerator(name = "streams_seq", sequenceName = "streams_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(nullable = false, length = 12)
    public Visibility visibility;

    /** The channel that plays the stream; null once an admin deleted that channel. */
    @Column(name = "channel_id")
    public Long channelId;

    /** Whether a second publisher may replace the one that is live. */
    @Column(name = "allow_takeover", nullable = false)
    public boolean allowTakeover;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Optional<Stream> byName(String name) {
        return Stream.<Stream> find("name", name).firstResultOptional();
    }

    /** The stream, or a 404. */
    public static Stream require(long id) {
        return Stream.<Stream> findByIdOptional(id).orElseThrow(() -> ApiException.notFound("stream", id));
    }

    /**
     * The stream, locked for the rest of the transaction: what serialises the opening of a
     * generation, so a stream never has two open at once. A 404 when it does not exist.
     */
    public static Stream lock(long id) {
        return Stream.<Stream> findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ApiException.notFound("stream", id));
    }
}
