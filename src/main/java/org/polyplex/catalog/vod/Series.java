package org.polyplex.catalog.vod;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A series with its seasons and episodes. */
@Entity
@Table(name = "series")
public class Series extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "series_seq")
    // blocks of 500 ids (V41 migration): imports insert 500 rows per JDBC batch, and fetching
    // the next block in the middle of one would cut the batch short
    @SequenceGenerator(name = "series_seq", sequenceName = "series_seq", allocationSize = 500)
    public Long id;

    @Column(nullable = false, length = 300)
    public String name;

    @Column(name = "category_id")
    public Long categoryId;

    @Column(name = "cover_url", length = 2048)
    public String coverUrl;

    @Column(name = "backdrop_url", length = 2048)
    public String backdropUrl;

    @Column(length = 4000)
    public String plot;

    @Column(name = "cast_names", length = 1000)
    public String cast;

    @Column(length = 300)
    public String director;

    @Column(length = 300)
    public String genre;

    @Column(name = "release_date")
    public LocalDate releaseDate;

    @Column(precision = 4, scale = 2)
    public BigDecimal rating;

    @Column(name = "tmdb_id", length = 32)
    public String tmdbId;

    @Column(length = 300)
    public String trailer;

    @Column(nullable = false)
    public boolean enabled = true;

    @OneToMany(mappedBy = "series", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("seasonNumber")
    public List<Season> seasons = new ArrayList<>();

    @OneToMany(mappedBy = "series", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("seasonNumber, episodeNumber")
    public List<Episode> episodes = new ArrayList<>();

    /** Natural key of an imported entry ({@code xt:<source>:<id>}); null when added by hand. */
    @Column(name = "scrape_key", length = 400)
    public String scrapeKey;

    @Column(name = "scraper_source_id")
    public Long scraperSourceId;

    /**
     * For a provider series: its {@code last_modified} when its episodes were last read successfully
     * (null: never), so that imports read again only the series that changed.
     */
    @Column(name = "episodes_version", length = 64)
    public String episodesVersion;

    /** Import runs in a row that no longer listed this entry. */
    @Column(name = "missed_runs", nullable = false)
    public int missedRuns;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
