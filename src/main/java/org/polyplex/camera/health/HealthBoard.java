package org.polyplex.camera.health;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * The last health of every camera, and its Prometheus gauges ({@code polyplex_camera_up}: 1 online,
 * 0.5 degraded, 0 offline; {@code polyplex_camera_probe_seconds}; {@code polyplex_camera_last_seen_seconds},
 * epoch seconds), labelled with the camera id only. Thread-safe.
 */
@ApplicationScoped
public class HealthBoard {

    private final MeterRegistry metrics;
    private final Map<Long, CameraHealth> health = new ConcurrentHashMap<>();
    private final Map<Long, Set<Gauge>> gauges = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> audioTranscode = new ConcurrentHashMap<>();

    HealthBoard(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    public CameraHealth of(long cameraId) {
        return health.getOrDefault(cameraId, CameraHealth.UNKNOWN);
    }

    void put(long cameraId, CameraHealth h) {
        health.put(cameraId, h);
        gauges.computeIfAbsent(cameraId, id -> {
            Tags tags = Tags.of("camera", Long.toString(id));
            return Set.of(
                    Gauge.builder("polyplex.camera.up", () -> up(of(id))).tags(tags)
                            .description("1 online, 0.5 degraded, 0 offline, as the last probe found").register(metrics),
                    Gauge.builder("polyplex.camera.probe.seconds", () -> of(id).latencyMillis() / 1000.0).tags(tags)
                            .description("Duration of the camera's last health probe").register(metrics),
                    Gauge.builder("polyplex.camera.last.seen.seconds",
                            () -> of(id).lastSeen() == null ? 0 : of(id).lastSeen().getEpochSecond()).tags(tags)
                            .description("When a probe last got an answer from the camera (epoch seconds)")
                            .register(metrics));
        });
    }

    /** Whether the camera's last description had audio that cannot be copied into TS. */
    public boolean audioNeedsTranscode(long cameraId) {
        return audioTranscode.getOrDefault(cameraId, false);
    }

    void described(long cameraId, String sdp) {
        audioTranscode.put(cameraId, SdpAudio.needsTranscode(sdp));
    }

    /** Forgets a deleted camera and its gauges. */
    public void forget(long cameraId) {
        health.remove(cameraId);
        audioTranscode.remove(cameraId);
        Set<Gauge> g = gauges.remove(cameraId);
        if (g != null) {
            g.forEach(metrics::remove);
        }
    }

    private static double up(CameraHealth h) {
        return switch (h.state()) {
            case ONLINE -> 1;
            case DEGRADED -> 0.5;
            case OFFLINE -> 0;
        };
    }
}
