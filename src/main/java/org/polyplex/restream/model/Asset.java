package org.polyplex.restream.model;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.polyplex.platform.web.ApiException;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A PNG (with alpha) for image overlays; its bytes are the file {@code <asset-dir>/<id>.png}. */
@Entity
@Table(name = "restream_assets")
public class Asset extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "restream_assets_seq")
    @SequenceGenerator(name = "restream_assets_seq", sequenceName = "restream_assets_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;

    @Column(nullable = false)
    public int width;

    @Column(nullable = false)
    public int height;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The asset, or a 404. */
    public static Asset require(long id) {
        return Asset.<Asset> findByIdOptional(id).orElseThrow(() -> ApiException.notFound("asset", id));
    }
}
