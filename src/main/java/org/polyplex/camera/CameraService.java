package org.polyplex.camera;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.polyplex.camera.health.HealthBoard;
import org.polyplex.camera.model.CameraUrls;
import org.polyplex.camera.model.Transport;
import org.polyplex.catalog.CategoryInput;
import org.polyplex.catalog.CategoryService;
import org.polyplex.catalog.ChannelInput;
import org.polyplex.catalog.ChannelService;
import org.polyplex.catalog.model.CameraSources;
import org.polyplex.catalog.model.Category;
import org.polyplex.catalog.model.CategoryKind;
import org.polyplex.platform.persistence.DbConstraints;
import org.polyplex.platform.secrets.SecretBox;
import org.polyplex.platform.web.ApiException;

/**
 * ★ Cameras: create (with the linked channel that plays them, source {@code camera://<id>}), list,
 * replace, delete. Credentials are encrypted with {@link SecretBox}; URLs are stored without user
 * info. Blocking: call from worker threads.
 */
@ApplicationScoped
public class CameraService {

    /** The live category a camera's channel goes to when the admin names none; created when missing. */
    public static final String DEFAULT_CATEGORY = "Cameras";

    private final Clock clock;
    private final ChannelService channels;
    private final CategoryService categories;
    private final SecretBox secrets;
    private final HealthBoard health;
    private final Event<CameraDirectory.Changed> changed;

    CameraService(Clock clock, ChannelService channels, CategoryService categories, SecretBox secrets,
            HealthBoard health, Event<CameraDirectory.Changed> changed) {
        this.clock = clock;
        this.channels = channels;
        this.categories = categories;
        this.secrets = secrets;
        this.health = health;
        this.changed = changed;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Camera> list() {
        return Camera.all();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Camera get(long id) {
        return Camera.require(id);
    }

    /** Creates the camera and, in the same transaction, its channel in the given live category or "Cameras". */
    @Transactional
    public Camera create(CameraInput input) {
        Camera camera = new Camera();
        apply(camera, input, true);
        camera.createdAt = clock.instant();
        camera.updatedAt = camera.createdAt;
        camera.persist();
        flush();
        Long categoryId = input.categoryId() != null ? requireLiveCategory(input.categoryId()) : defaultCategory();
        camera.channelId = channels.create(new ChannelInput(camera.name, null, categoryId, null, null, true,
                List.of(new ChannelInput.SourceInput(CameraSources.url(camera.id), null, null)))).id;
        changed.fire(new CameraDirectory.Changed());
        return camera;
    }

    /** Replaces the camera's settings (the linked channel keeps its own name and category). */
    @Transactional
    public Camera update(long id, CameraInput input) {
        Camera camera = Camera.require(id);
        apply(camera, input, false);
        camera.updatedAt = clock.instant();
        flush();
        changed.fire(new CameraDirectory.Changed());
        return camera;
    }

    /** Deletes the camera and its linked channel, which has no other way to play it. */
    @Transactional
    public void delete(long id) {
        Camera camera = Camera.require(id);
        Long channelId = camera.channelId;
        camera.delete();
        flush();
        if (channelId != null) {
            channels.delete(channelId);
        }
        health.forget(id);
        changed.fire(new CameraDirectory.Changed());
    }

    private void apply(Camera camera, CameraInput input, boolean creating) {
        String name = input.name().strip();
        Camera.<Camera> find("name", name).firstResultOptional().filter(c -> !Objects.equals(c.id, camera.id))
                .ifPresent(c -> {
                    throw ApiException.conflict("name", "a camera named '" + name + "' exists");
                });
        CameraUrls.Split stream = CameraUrls.stream(input.url().strip());
        if (stream == null) {
            throw ApiException.invalid("url", "must be an rtsp:// or rtsps:// URL with a host");
        }
        CameraUrls.Split snapshot = null;
        if (input.snapshotUrl() != null && !input.snapshotUrl().isBlank()) {
            snapshot = CameraUrls.snapshot(input.snapshotUrl().strip());
            if (snapshot == null) {
                throw ApiException.invalid("snapshotUrl", "must be an http:// or https:// URL with a host");
            }
        }
        Transport transport;
        try {
            transport = input.transport() == null ? Transport.TCP : Transport.fromWire(input.transport());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("transport", "must be tcp or udp");
        }
        // credentials in the body win over those in the URLs' user info
        String username = firstNonBlank(input.username(), stream.username(), snapshot == null ? null : snapshot.username());
        String password = input.password() != null ? input.password()
                : firstNonBlank(stream.password(), snapshot == null ? null : snapshot.password());
        camera.name = name;
        camera.url = stream.url();
        camera.transport = transport;
        camera.snapshotUrl = snapshot == null ? null : snapshot.url();
        camera.username = username;
        if (password != null && !password.isEmpty()) {
            camera.passwordEncrypted = secrets.encrypt(password);
        } else if (creating || "".equals(input.password())) {
            camera.passwordEncrypted = null;
        }
        if (camera.passwordEncrypted != null && camera.username == null) {
            throw ApiException.invalid("username", "is required with a password");
        }
    }

    private static Long requireLiveCategory(long id) {
        Category category = Category.findById(id);
        if (category == null || category.kind != CategoryKind.LIVE) {
            throw ApiException.invalid("categoryId", "must be an existing live category");
        }
        return id;
    }

    private Long defaultCategory() {
        return categories.list(CategoryKind.LIVE, null, DEFAULT_CATEGORY, 0, 100).items().stream()
                .filter(c -> c.name.equals(DEFAULT_CATEGORY)).map(c -> c.id).findFirst()
                .orElseGet(() -> categories.create(new CategoryInput(DEFAULT_CATEGORY, CategoryKind.LIVE, null, null)).id);
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    private static void flush() {
        DbConstraints.flush(kind -> switch (kind) {
            case UNIQUE -> ApiException.conflict("name", "a camera with this name exists");
            case FOREIGN_KEY -> ApiException.invalid("categoryId", "refers to a category that does not exist");
        });
    }
}
