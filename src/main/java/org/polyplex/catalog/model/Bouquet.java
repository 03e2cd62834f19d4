package org.polyplex.catalog.model;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A package of categories and single channels that users are given access to. */
@Entity
@Table(name = "bouquets")
public class Bouquet extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "bouquets_seq")
    @SequenceGenerator(name = "bouquets_seq", sequenceName = "bouquets_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false, length = 200)
    public String name;

    @ElementCollection
    @CollectionTable(name = "bouquet_categories", joinColumns = @JoinColumn(name = "bouquet_id"))
    @Column(name = "category_id")
    public Set<Long> categoryIds = new HashSet<>();

    @ElementCollection
    @CollectionTable(name = "bouquet_channels", joinColumns = @JoinColumn(name = "bouquet_id"))
    @Column(name = "channel_id")
    public Set<Long> channelIds = new HashSet<>();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
