package org.polyplex.restream.model;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.polyplex.platform.web.ApiException;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A text overlay of a restream: a template ({@code {time}}, {@code {date}}, {@code {channel}},
 * named values) drawn at x/y pixels from the top-left of the encoded picture. Only the position,
 * size, colours, opacity and fades reach the filter graph; the text reaches ffmpeg through a file.
 */
@Entity
@Table(name = "restream_overlays")
public class Overlay extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "restream_overlays_seq")
    @SequenceGenerator(name = "restream_overlays_seq", sequenceName = "restream_overlays_seq", allocationSize = 50)
    public Long id;

    @Column(name = "restream_id", nullable = false)
    public Long restreamId;

    /** {@code text} or {@code image}. */
    @Column(nullable = false, length = 10)
    public String type;

    @Column(length = 4000)
    public String text;

    @Column(name = "asset_id")
    public Long assetId;

    @Column(nullable = false)
    public int x;

    @Column(nullable = false)
    public int y;

    @Column(nullable = false)
    public double opacity;

    @Column(name = "font_size", nullable = false)
    public int fontSize;

    /** Size factor of an image (1 = the PNG's own size). */
    @Column(nullable = false)
    public double scale = 1;

    /** {@code #rrggbb}. */
    @Column(nullable = false, length = 7)
    public String color;

    /** {@code #rrggbb} of a box behind the text, or none. */
    @Column(name = "box_color", length = 7)
    public String boxColor;

    @Column(name = "fade_in_seconds", nullable = false)
    public double fadeInSeconds;

    @Column(name = "fade_out_seconds", nullable = false)
    public double fadeOutSeconds;

    /** Seconds the overlay stays on after its ffmpeg starts (its fade-out ends then); 0 = always. */
    @Column(name = "duration_seconds", nullable = false)
    public double durationSeconds;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The overlays of a restream, oldest first. */
    public static List<Overlay> of(long restreamId) {
        return Overlay.<Overlay> list("restreamId = ?1 order by id", restreamId);
    }

    /** The overlay of that restream, or a 404. */
    public static Overlay require(long restreamId, long id) {
        return Overlay.<Overlay> find("restreamId = ?1 and id = ?2", restreamId, id).firstResultOptional()
                .orElseThrow(() -> ApiException.notFound("overlay", id));
    }
}
