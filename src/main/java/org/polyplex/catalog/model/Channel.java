package org.polyplex.catalog.model;

import java.time.Instant;
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

/** A live channel and its upstream sources, tried in priority order. */
@Entity
@Table(name = "channels")
public class Channel extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "channels_seq")
    // blocks of 500 ids (V41 migration): imports insert 500 rows per JDBC batch, and fetching
    // the next block in the middle of one would cut the batch short
    @SequenceGenerator(name = "channels_seq", sequenceName = "channels_seq", allocationSize = 500)
    public Long id;

    /** Channel number shown by apps ({@code num}, {@code tvg-chno}); unique when set. */
    public Integer number;

    @Column(nullable = false, length = 300)
    public String name;

    @Column(name = "logo_url", length = 2048)
    public String logoUrl;

    /** XMLTV channel id ({@code epg_channel_id}, {@code tvg-id}). */
    @Column(name = "epg_id", length = 300)
    public String epgId;

    @Column(name = "category_id")
    public Long categoryId;

    @Column(nullable = false)
    public boolean enabled = true;

    /** Catch-up archive window in days; 0 = the channel is not recorded. */
    @Column(name = "archive_days", nullable = false)
    public int archiveDays;

    @OneToMany(mappedBy = "channel", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("priority, id")
    public List<ChannelSource> sources = new ArrayList<>();

    /**
     * Natural key scrapers merge on ({@code epg:<tvg-id>}, {@code ace:<id>}, {@code url:<url>},
     * {@code xt:<source>:<stream id>}); null for channels only admins manage.
     */
    @Column(name = "scrape_key", length = 400)
    public String scrapeKey;

    /** Set when an admin changed the name, logo or number: imports then leave those alone ({@link AdminEdits}). */
    @Column(name = "manually_edited", nullable = false)
    public boolean manuallyEdited;

    /** Set when a scraper disabled the channel because all its sources vanished. */
    @Column(name = "scrape_disabled", nullable = false)
    public boolean scrapeDisabled;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
