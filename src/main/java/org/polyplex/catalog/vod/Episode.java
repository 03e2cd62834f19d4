package org.polyplex.catalog.vod;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One episode of a series, served 1:1 like a movie. */
@Entity
@Table(name = "episodes")
public class Episode extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "episodes_seq")
    // blocks of 500 ids (V49 migration): provider imports insert episodes 500 rows per JDBC batch
    @SequenceGenerator(name = "episodes_seq", sequenceName = "episodes_seq", allocationSize = 500)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "series_id")
    public Series series;

    @Column(name = "season_number", nullable = false)
    public int seasonNumber;

    @Column(name = "episode_number", nullable = false)
    public int episodeNumber;

    @Column(nullable = false, length = 300)
    public String title;

    @Column(name = "source_url", nullable = false, length = 4096)
    public String sourceUrl;

    @Column(name = "container_extension", nullable = false, length = 10)
    public String containerExtension;

    @Column(length = 4000)
    public String plot;

    @Column(name = "duration_seconds")
    public Integer durationSeconds;

    @Column(name = "image_url", length = 2048)
    public String imageUrl;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The provider's episode id for an imported episode (keeps our id across re-reads); null when added by hand. */
    @Column(name = "provider_id", length = 32)
    public String providerId;
}
