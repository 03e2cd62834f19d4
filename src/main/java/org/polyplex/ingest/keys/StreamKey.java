package org.polyplex.ingest.keys;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;

/**
 * A stream key as stored: its verifier (HMAC-SHA256 of the key under the server secret, hex),
 * never the key. A revoked key keeps its row (when it was last used stays readable) and never
 * verifies again.
 */
@Entity
@Table(name = "stream_keys")
public class StreamKey extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "stream_keys_seq")
    @SequenceGenerator(name = "stream_keys_seq", sequenceName = "stream_keys_seq", allocationSize = 50)
    public Long id;

    @Column(name = "stream_id", nullable = false)
    public long streamId;

    @Column(nullable = false, length = 64)
    public String verifier;

    @Column(length = 100)
    public String label;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    static Optional<StreamKey> byVerifier(String verifier) {
        return StreamKey.<StreamKey> find("verifier", verifier).firstResultOptional();
    }

    static List<StreamKey> activeOf(long streamId) {
        return StreamKey.list("streamId = ?1 and revokedAt is null", Sort.by("id"), streamId);
    }

    static long countActive(long streamId) {
        return StreamKey.count("streamId = ?1 and revokedAt is null", streamId);
    }
}
