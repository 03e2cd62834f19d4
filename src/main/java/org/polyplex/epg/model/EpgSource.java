package org.polyplex.epg.model;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * An XMLTV source: an http(s) URL or a file under the local root, refreshed every
 * {@link #intervalMinutes}. Its guide is the rows of {@link #activeGeneration}; an import writes
 * the next generation and flips this column when it completes.
 */
@Entity
@Table(name = "epg_sources")
public class EpgSource extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "epg_sources_seq")
    @SequenceGenerator(name = "epg_sources_seq", sequenceName = "epg_sources_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false, length = 2048)
    public String url;

    @Column(nullable = false)
    public boolean enabled = true;

    @Column(name = "interval_minutes", nullable = false)
    public int intervalMinutes;

    /** Minutes added to every programme time: a correction for sources with wrong offsets. */
    @Column(name = "offset_minutes", nullable = false)
    public int offsetMinutes;

    /** The generation readers see; null until the first successful import. */
    @Column(name = "active_generation")
    public Long activeGeneration;

    /** Highest generation ever started, so that a new import never reuses a number. */
    @Column(name = "last_generation", nullable = false)
    public long lastGeneration;

    @Column(name = "last_run_at")
    public Instant lastRunAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
