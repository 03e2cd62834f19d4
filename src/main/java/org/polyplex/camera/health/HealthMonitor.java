package org.polyplex.camera.health;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.camera.model.CameraConfig;
import org.polyplex.camera.model.CameraTarget;
import org.polyplex.camera.model.CameraTargets;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;

/**
 * Probes every camera every {@code polyplex.camera.probe-every} ({@link RtspProbe}: OPTIONS and
 * DESCRIBE, never a stream), at most {@code probe-concurrency} at once, each within
 * {@code probe-timeout}, and records the verdict on the {@link HealthBoard}. The probes run on one
 * event-loop context and never block it; the scheduler thread only starts a round.
 */
@ApplicationScoped
public class HealthMonitor {

    private final CameraConfig config;
    private final CameraTargets directory;
    private final HealthBoard board;
    private final Clock clock;
    private final Context context;
    private final NetClient client;
    private final NetClient tlsClient;
    private final RtspProbe probe;
    private boolean round;

    HealthMonitor(CameraConfig config, CameraTargets directory, HealthBoard board, Clock clock, Vertx vertx) {
        this.config = config;
        this.directory = directory;
        this.board = board;
        this.clock = clock;
        this.context = vertx.getOrCreateContext();
        int connectMs = (int) config.probeTimeout().toMillis();
        this.client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(connectMs));
        this.tlsClient = vertx.createNetClient(new NetClientOptions().setConnectTimeout(connectMs).setSsl(true)
                .setTrustAll(true));
        this.probe = new RtspProbe(vertx, client, tlsClient, config.probeTimeout(), config.probeMaxBytes());
    }

    @Scheduled(every = "{polyplex.camera.probe-every}", delayed = "{polyplex.camera.probe-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        probeAll();
    }

    /** Starts a round over every camera, unless one is still running. */
    public void probeAll() {
        List<CameraTarget> cameras = List.copyOf(directory.all());
        context.runOnContext(v -> {
            if (round) {
                Log.debug("camera probe round still running: this one is skipped");
                return;
            }
            round = true;
            ArrayDeque<CameraTarget> queue = new ArrayDeque<>(cameras);
            int[] active = { 0 };
            Runnable[] next = new Runnable[1];
            next[0] = () -> {
                while (active[0] < config.probeConcurrency() && !queue.isEmpty()) {
                    active[0]++;
                    probeOne(queue.poll()).onComplete(x -> {
                        active[0]--;
                        next[0].run();
                    });
                }
                if (active[0] == 0 && queue.isEmpty()) {
                    round = false;
                }
            };
            next[0].run();
        });
    }

    /** Probes one camera now (outside the rounds); completes with its new health. */
    public CompletionStage<CameraHealth> probeNow(CameraTarget camera) {
        CompletableFuture<CameraHealth> result = new CompletableFuture<>();
        context.runOnContext(v -> probeOne(camera).onComplete(h -> result.complete(h.result())));
        return result;
    }

    private Future<CameraHealth> probeOne(CameraTarget camera) {
        return probe.probe(camera).map(outcome -> {
            CameraHealth h = HealthVerdict.of(outcome, config.probeSlow(), clock.instant(), board.of(camera.id()).lastSeen());
            CameraHealth was = board.of(camera.id());
            // the camera may have been deleted while it was probed
            if (directory.target(camera.id()).isPresent()) {
                board.put(camera.id(), h);
                if (outcome.sdp() != null) {
                    board.described(camera.id(), outcome.sdp());
                }
            }
            if (was.state() != h.state() && was != CameraHealth.UNKNOWN) {
                Log.infof("camera %d is %s%s", camera.id(), h.state().wire(),
                        h.lastError() == null ? "" : ": " + h.lastError());
            }
            return h;
        });
    }

    @PreDestroy
    void close() {
        client.close();
        tlsClient.close();
    }
}
