package org.polyplex.catalog.model;

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

/**
 * One upstream of a channel: {@code http(s)://...} (MPEG-TS or HLS) or {@code acestream://<id>}.
 * Lower priority is tried first.
 */
@Entity
@Table(name = "channel_sources")
public class ChannelSource {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "channel_sources_seq")
    // blocks of 500 ids (V41 migration): imports insert 500 rows per JDBC batch, and fetching
    // the next block in the middle of one would cut the batch short
    @SequenceGenerator(name = "channel_sources_seq", sequenceName = "channel_sources_seq", allocationSize = 500)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "channel_id")
    public Channel channel;

    @Column(nullable = false, length = 4096)
    public String url;

    @Column(nullable = false)
    public int priority;

    /** Concurrent upstreams the provider allows on this source; null means no cap. */
    /** The scraper source that feeds this row; null for sources admins added. */
    @Column(name = "scraper_source_id")
    public Long scraperSourceId;

    /** Scrape runs in a row of {@link #scraperSourceId} that no longer listed this source. */
    @Column(name = "missed_runs", nullable = false)
    public int missedRuns;

    /** What the last liveness probe saw; null when never probed. */
    @Column(name = "is_online")
    public Boolean online;

    @Column(name = "checked_at")
    public Instant checkedAt;

    @Column(name = "max_connections")
    public Integer maxConnections;

    /** HTTP headers sent upstream, as {@link SourceHeaders#toJson} writes them; null for none. */
    @Column(name = "headers", length = SourceHeaders.MAX_JSON)
    public String headers;

    /** Whether an admin set {@link #headers}: imports then keep them as they are. */
    @Column(name = "headers_edited", nullable = false)
    public boolean headersEdited;

    /** Days of the provider's own catch-up archive of this URL (imports write it), 0 for none. */
    @Column(name = "archive_days", nullable = false)
    public int archiveDays;

    /** The zone the provider reads timeshift starts in, null when unknown. */
    @Column(name = "archive_time_zone", length = 64)
    public String archiveTimeZone;
}
