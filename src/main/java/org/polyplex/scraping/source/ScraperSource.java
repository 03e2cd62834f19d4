package org.polyplex.scraping.source;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A page, list or provider account that Polyplex keeps the catalog in step with. */
@Entity
@Table(name = "scraper_sources")
public class ScraperSource extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "scraper_sources_seq")
    @SequenceGenerator(name = "scraper_sources_seq", sequenceName = "scraper_sources_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false, length = 2048)
    public String url;

    @Column(nullable = false, length = 10)
    public SourceType type;

    @Column(nullable = false)
    public boolean enabled = true;

    @Column(name = "interval_minutes", nullable = false)
    public int intervalMinutes;

    /** Category every imported channel goes to; null: categories from group titles. */
    @Column(name = "category_id")
    public Long categoryId;

    /** Failover rank of this source's streams against other sources' streams of the same channel. */
    @Column(nullable = false)
    public int priority;

    /** Provider cap on concurrent streams, copied to the channel sources this source creates. */
    @Column(name = "max_connections")
    public Integer maxConnections;

    @Column(length = 200)
    public String username;

    /** Encrypted with {@code SecretBox}; never leaves the server in clear. */
    @Column(name = "password_enc", length = 1000)
    public String passwordEncrypted;

    @Column(name = "last_scraped")
    public Instant lastScraped;

    @Column(name = "channels_found", nullable = false)
    public int channelsFound;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
