package org.polyplex.epg.model;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One import of one source: when, how it ended, what it counted, and why it failed or skipped. */
@Entity
@Table(name = "epg_runs")
public class EpgRun extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "epg_runs_seq")
    @SequenceGenerator(name = "epg_runs_seq", sequenceName = "epg_runs_seq", allocationSize = 50)
    public Long id;

    @Column(name = "source_id", nullable = false)
    public long sourceId;

    /** {@code manual} or {@code schedule}. */
    @Column(name = "trigger_kind", nullable = false, length = 10)
    public String trigger;

    @Convert(converter = RunStatus.DbConverter.class)
    @Column(nullable = false, length = 10)
    public RunStatus status;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "bytes_read", nullable = false)
    public long bytesRead;

    @Column(nullable = false)
    public int channels;

    @Column(nullable = false)
    public int programmes;

    @Column(nullable = false)
    public int skipped;

    /** The failure, or a summary of skipped records by reason. */
    @Column(length = 2000)
    public String message;
}
