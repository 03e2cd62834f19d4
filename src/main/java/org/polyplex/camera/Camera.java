package org.polyplex.camera;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.polyplex.camera.model.Transport;
import org.polyplex.platform.web.ApiException;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;

/** An IP camera, played by its linked channel. URLs carry no credentials; the password is encrypted. */
@Entity
@Table(name = "cameras")
public class Camera extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "cameras_seq")
    @SequenceGenerator(name = "cameras_seq", sequenceName = "cameras_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false, length = 200)
    public String name;

    /** {@code rtsp://} or {@code rtsps://}, without user info. */
    @Column(nullable = false, length = 2048)
    public String url;

    @Column(nullable = false, length = 3)
    public Transport transport;

    @Column(length = 200)
    public String username;

    /** {@link org.polyplex.platform.secrets.SecretBox} form; null when the camera has no password. */
    @Column(name = "password_encrypted", length = 1024)
    public String passwordEncrypted;

    /** An http(s) URL that answers a JPEG (Basic or Digest auth with the same credentials), or null. */
    @Column(name = "snapshot_url", length = 2048)
    public String snapshotUrl;

    /** The channel that plays the camera; null once an admin deleted that channel. */
    @Column(name = "channel_id")
    public Long channelId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The camera, or a 404. */
    public static Camera require(long id) {
        return Camera.<Camera> findByIdOptional(id).orElseThrow(() -> ApiException.notFound("camera", id));
    }

    public static java.util.List<Camera> all() {
        return Camera.<Camera> listAll(Sort.by("name").and("id"));
    }
}
