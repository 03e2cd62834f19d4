package org.polyplex.restream.destination;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.polyplex.platform.web.ApiException;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * An RTMP(S) ingest a restream sends to. The stream key is stored only as {@code SecretBox}
 * ciphertext ({@code v1:...}) and is never answered: the API says {@code hasStreamKey}.
 */
@Entity
@Table(name = "destinations")
public class Destination extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "destinations_seq")
    @SequenceGenerator(name = "destinations_seq", sequenceName = "destinations_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(nullable = false, length = 20)
    public Preset preset;

    /** The admin's base URL (required for custom, an override otherwise); null = the preset's. */
    @Column(length = 1000)
    public String url;

    /** The encrypted stream key, or null when the destination has none (a custom URL with it built in). */
    @Column(name = "stream_key", length = 2000)
    public String streamKey;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The destination, or a 404. */
    public static Destination require(long id) {
        return Destination.<Destination> findByIdOptional(id)
                .orElseThrow(() -> ApiException.notFound("destination", id));
    }
}
