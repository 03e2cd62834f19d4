package org.polyplex.camera.link;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.polyplex.camera.health.HealthBoard;
import org.polyplex.camera.model.CameraConfig;
import org.polyplex.camera.model.CameraTarget;
import org.polyplex.camera.model.CameraTargets;
import org.polyplex.camera.model.CameraUrls;
import org.polyplex.camera.model.Transport;
import org.polyplex.catalog.model.CameraSources;
import org.polyplex.platform.process.Supervisor;
import org.polyplex.proxy.upstream.api.Upstream;
import org.polyplex.proxy.upstream.api.UpstreamKind;

import io.vertx.core.Vertx;

/**
 * Plays camera sources: {@code camera://<id>} (a camera of {@code /api/cameras}, whose URL and
 * credentials stay in the camera's record) and plain {@code rtsp://} / {@code rtsps://} URLs (TCP
 * transport). Each session's upstream is one supervised ffmpeg, so all viewers, taps (archive,
 * restreams) and HLS of the channel share one camera connection. Contributed to the proxy's
 * upstream factory as a bean.
 */
@ApplicationScoped
public class CameraKind implements UpstreamKind {

    private final LongFunction<Optional<CameraTarget>> targets;
    private final LongPredicate transcodeAudio;
    private final Supervisor supervisor;
    private final CameraConfig config;
    private final Vertx vertx;

    @Inject
    CameraKind(CameraTargets directory, HealthBoard health, Supervisor supervisor, CameraConfig config, Vertx vertx) {
        this(directory::target, health::audioNeedsTranscode, supervisor, config, vertx);
    }

    /**
     * For plain use and tests.
     *
     * @param targets the camera of an id, with its credentials
     * @param transcodeAudio whether a camera's audio must be re-encoded to go into TS
     */
    public CameraKind(LongFunction<Optional<CameraTarget>> targets, LongPredicate transcodeAudio, Supervisor supervisor,
            CameraConfig config, Vertx vertx) {
        this.targets = targets;
        this.transcodeAudio = transcodeAudio;
        this.supervisor = supervisor;
        this.config = config;
        this.vertx = vertx;
    }

    @Override
    public boolean supports(String url) {
        OptionalLong id = CameraSources.cameraId(url);
        if (id.isPresent()) {
            return targets.apply(id.getAsLong()).isPresent();
        }
        return CameraUrls.stream(url) != null;
    }

    @Override
    public Upstream create(String url) {
        OptionalLong id = CameraSources.cameraId(url);
        CameraTarget target;
        if (id.isPresent()) {
            target = targets.apply(id.getAsLong())
                    .orElseThrow(() -> new IllegalArgumentException("camera " + id.getAsLong() + " does not exist"));
        } else {
            CameraUrls.Split split = CameraUrls.stream(url);
            if (split == null) {
                throw new IllegalArgumentException("not a camera source");
            }
            target = new CameraTarget(0, "rtsp source", split.url(), Transport.TCP, split.username(), split.password(),
                    null);
        }
        boolean transcode = target.id() > 0 && transcodeAudio.test(target.id());
        return new CameraUpstream(vertx, supervisor, target, CameraCommand.reader(config.ffmpeg(), target.connectUrl(),
                target.transport(), config.readTimeout(), transcode), config, Path.of("."));
    }
}
