package org.polyplex.restream.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.polyplex.platform.web.ApiException;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One source channel sent to destinations, each with its profile; the running state is in memory. */
@Entity
@Table(name = "restreams")
public class Restream extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "restreams_seq")
    @SequenceGenerator(name = "restreams_seq", sequenceName = "restreams_seq", allocationSize = 50)
    public Long id;

    @Column(name = "channel_id", nullable = false)
    public Long channelId;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "restream_destinations", joinColumns = @JoinColumn(name = "restream_id"))
    @OrderColumn(name = "position")
    public List<RestreamTarget> targets = new ArrayList<>();

    /** Named values of the overlay templates ({@code {temperature}}), set through the API. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "restream_overlay_values", joinColumns = @JoinColumn(name = "restream_id"))
    @MapKeyColumn(name = "name", length = 32)
    @Column(name = "value_text", nullable = false, length = 4000)
    public Map<String, String> overlayValues = new HashMap<>();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The restream, or a 404. */
    public static Restream require(long id) {
        return Restream.<Restream> findByIdOptional(id).orElseThrow(() -> ApiException.notFound("restream", id));
    }
}
