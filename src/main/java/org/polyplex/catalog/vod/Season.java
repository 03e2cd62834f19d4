package org.polyplex.catalog.vod;

import java.time.LocalDate;

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

/** Season metadata; episodes carry their season number themselves. */
@Entity
@Table(name = "seasons")
public class Season {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "seasons_seq")
    // blocks of 500 ids (V49 migration): provider imports insert seasons in JDBC batches
    @SequenceGenerator(name = "seasons_seq", sequenceName = "seasons_seq", allocationSize = 500)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "series_id")
    public Series series;

    @Column(name = "season_number", nullable = false)
    public int seasonNumber;

    @Column(length = 300)
    public String name;

    @Column(length = 4000)
    public String overview;

    @Column(name = "air_date")
    public LocalDate airDate;

    @Column(name = "cover_url", length = 2048)
    public String coverUrl;
}
