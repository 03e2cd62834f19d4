package org.polyplex.camera.snapshot;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.camera.model.CameraConfig;
import org.polyplex.camera.model.CameraTarget;
import org.polyplex.platform.process.Supervisor;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * A camera's current JPEG: from its snapshot URL when it has one, else one frame grabbed with
 * ffmpeg. Single-flight and cached for {@code snapshot-cache}: any number of admins asking at once
 * or within the cache time share one fetch or grab. A failure is not cached. Counts the snapshots it
 * takes in {@code polyplex_camera_snapshots_total} (labels: camera id, source http or ffmpeg).
 */
@ApplicationScoped
public class Snapshots {

    private record Entry(CompletableFuture<byte[]> image, long takenNanos) {
    }

    private final CameraConfig config;
    private final MeterRegistry metrics;
    private final HttpClient client;
    private final HttpSnapshot http;
    private final FfmpegSnapshot ffmpeg;
    private final Map<Long, Entry> cache = new ConcurrentHashMap<>();

    Snapshots(CameraConfig config, Supervisor supervisor, Vertx vertx, MeterRegistry metrics) {
        this.config = config;
        this.metrics = metrics;
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false).setTrustAll(true)
                .setConnectTimeout((int) config.snapshotTimeout().toMillis()).setMaxPoolSize(8));
        this.http = new HttpSnapshot(vertx, client, config.snapshotTimeout(), config.snapshotMaxBytes());
        this.ffmpeg = new FfmpegSnapshot(supervisor, config);
    }

    /** The camera's JPEG; fails with a {@link SnapshotFailure}. */
    public CompletionStage<byte[]> of(CameraTarget camera) {
        long now = System.nanoTime();
        Entry entry = cache.compute(camera.id(), (id, e) -> {
            if (e != null && !e.image().isCompletedExceptionally()
                    && (!e.image().isDone() || now - e.takenNanos() < config.snapshotCache().toNanos())) {
                return e;
            }
            return new Entry(take(camera), now);
        });
        return entry.image().copy();
    }

    /** Forgets a deleted camera's image. */
    public void forget(long cameraId) {
        cache.remove(cameraId);
    }

    private CompletableFuture<byte[]> take(CameraTarget camera) {
        boolean fromUrl = camera.snapshotUrl() != null;
        metrics.counter("polyplex.camera.snapshots", "camera", Long.toString(camera.id()), "source",
                fromUrl ? "http" : "ffmpeg").increment();
        return fromUrl ? http.fetch(camera).toCompletionStage().toCompletableFuture() : ffmpeg.grab(camera);
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
