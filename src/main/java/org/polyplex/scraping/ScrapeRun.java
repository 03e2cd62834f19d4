package org.polyplex.scraping;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The record of one scrape of one source: when, what came of it, and why it failed if it did. */
@Entity
@Table(name = "scraper_runs")
public class ScrapeRun extends PanacheEntityBase {

    /** How a run ended. */
    public enum Status {
        /** Still going. */
        RUNNING,
        /** Imported everything the source listed. */
        SUCCESS,
        /** Imported, but skipped some entries or read the content leniently; see {@code error}. */
        WARNING,
        /** Changed nothing; see {@code error}. */
        FAILED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "scraper_runs_seq")
    @SequenceGenerator(name = "scraper_runs_seq", sequenceName = "scraper_runs_seq", allocationSize = 50)
    public Long id;

    @Column(name = "source_id", nullable = false)
    public long sourceId;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    public Status status;

    @Column(nullable = false)
    public int found;

    @Column(nullable = false)
    public int added;

    @Column(nullable = false)
    public int updated;

    @Column(nullable = false)
    public int removed;

    @Column(nullable = false)
    public int skipped;

    @Column(length = 2000)
    public String error;
}
