package org.polyplex.restream;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.transaction.Transactional;

import org.polyplex.catalog.CatalogService;
import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.catalog.ChannelService;
import org.polyplex.platform.persistence.DbConstraints;
import org.polyplex.platform.process.Supervisor;
import org.polyplex.platform.web.ApiException;
import org.polyplex.platform.web.Page;
import org.polyplex.proxy.session.SessionRegistry;
import org.polyplex.restream.config.RestreamConfig;
import org.polyplex.restream.destination.DestinationService;
import org.polyplex.restream.ffmpeg.EncoderDetection;
import org.polyplex.restream.ffmpeg.OutputCommand;
import org.polyplex.restream.ffmpeg.OverlayFilter;
import org.polyplex.restream.ffmpeg.OverlayGraph;
import org.polyplex.restream.model.AudioMode;
import org.polyplex.restream.model.Overlay;
import org.polyplex.restream.model.Profile;
import org.polyplex.restream.model.Restream;
import org.polyplex.restream.model.RestreamTarget;
import org.polyplex.restream.overlay.OverlayLive;
import org.polyplex.restream.run.DegradePolicy;
import org.polyplex.restream.run.DestinationStatus;
import org.polyplex.restream.run.RestreamMetrics;
import org.polyplex.restream.run.RestreamRun;
import org.polyplex.restream.run.RestreamStatus;
import org.polyplex.restream.run.RetrySchedule;
import org.polyplex.restream.run.WorkerEnv;

import io.quarkus.logging.Log;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.ShutdownEvent;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * ★ Restreams: one source channel sent to N destinations (docs/restream.md). Stores what a
 * restream is; runs it in memory ({@link RestreamRun}: one session tap, one supervised ffmpeg per
 * destination) from {@code start} to {@code stop}, {@code stop-all} or the node's shutdown.
 * Blocking: call from worker threads.
 */
@ApplicationScoped
public class RestreamService {

    private final RestreamConfig config;
    private final DestinationService destinations;
    private final ChannelService channels;
    private final CatalogService catalog;
    private final SessionRegistry sessions;
    private final Clock clock;
    private final RestreamMetrics metrics;
    private final WorkerEnv env;
    private final ExecutorService background;
    private final OverlayLive overlays;
    private final Map<Long, RestreamRun> runs = new ConcurrentHashMap<>();

    @Inject
    RestreamService(RestreamConfig config, DestinationService destinations, ChannelService channels,
            CatalogService catalog, SessionRegistry sessions, Supervisor supervisor, EncoderDetection encoders,
            Clock clock, MeterRegistry meters, MachineLoad load, OverlayLive overlays) {
        this.overlays = overlays;
        this.config = config;
        this.destinations = destinations;
        this.channels = channels;
        this.catalog = catalog;
        this.sessions = sessions;
        this.clock = clock;
        this.metrics = new RestreamMetrics(meters);
        ScheduledThreadPoolExecutor control = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "restream-control");
            t.setDaemon(true);
            return t;
        });
        control.setRemoveOnCancelPolicy(true);
        this.background = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "restream-bookkeeping");
            t.setDaemon(true);
            return t;
        });
        this.env = new WorkerEnv(supervisor, control, clock, Path.of(".").toAbsolutePath(),
                new OutputCommand(config.ffmpeg(), new OverlayFilter(config.overlay().fontFile()), config.inputAnalyze()),
                encoders::selected,
                new RetrySchedule(config.retry().initialDelay(), config.retry().maxDelay(), config.retry().maxAttempts()),
                config.retry().resetAfter(), config.stallTimeout(), config.startTimeout(), config.stopGrace(),
                config.queueBytes(), this::used, load::cpu, degradeBounds(config.degrade()), config.shareEncodes());
    }

    private static Optional<DegradePolicy.Bounds> degradeBounds(RestreamConfig.Degrade d) {
        return d.enabled()
                ? Optional.of(new DegradePolicy.Bounds(d.maxCpu(), d.minSpeed(), d.after(), d.recoverCpu(), d.recoverAfter()))
                : Optional.empty();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Restream> list(int page, int size) {
        var query = Restream.<Restream> findAll(Sort.by("id"));
        return new Page<>(query.page(page, size).list(), query.count());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Restream get(long id) {
        return Restream.require(id);
    }

    /** The stored destinations of a restream with their profile and audio mode, in order. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RestreamInput.Target> targets(long id) {
        return Restream.require(id).targets.stream()
                .map(t -> new RestreamInput.Target(t.destinationId, t.profile, t.audio)).toList();
    }

    /** Creates a restream; a 422 when the channel or a destination does not exist. */
    @Transactional
    public Restream create(RestreamInput input) {
        Restream r = new Restream();
        apply(r, input);
        r.createdAt = clock.instant();
        r.updatedAt = r.createdAt;
        r.persist();
        flush();
        return r;
    }

    /** Replaces channel and destinations; a running restream uses them from its next start. */
    @Transactional
    public Restream update(long id, RestreamInput input) {
        Restream r = Restream.require(id);
        apply(r, input);
        r.updatedAt = clock.instant();
        flush();
        return r;
    }

    /** Stops it if it runs, then deletes it. */
    @Transactional
    public void delete(long id) {
        Restream r = Restream.require(id);
        stopRun(id, "restream deleted");
        r.delete();
        overlays.deactivate(id);
    }

    /**
     * Starts the restream: its destinations are resolved (keys decrypted) now, the tap opens, each
     * destination's ffmpeg starts at the source's first keyframe. A 409 when it runs already or
     * the node runs its most restreams; a 422 when the channel is disabled.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public RestreamStatus start(long id) {
        Restream r = Restream.require(id);
        LiveChannel channel = catalog.snapshot().channel(r.channelId)
                .orElseThrow(() -> new ApiException(422, "unprocessable", "channel " + r.channelId
                        + " is disabled or has no source", "channelId"));
        List<RestreamRun.Target> targets = new ArrayList<>();
        for (RestreamTarget t : r.targets) {
            targets.add(new RestreamRun.Target(destinations.resolve(t.destinationId), t.profile, t.audio));
        }
        synchronized (runs) {
            if (runs.containsKey(id)) {
                throw ApiException.conflict("id", "restream " + id + " is running already");
            }
            if (runs.size() >= config.maxRunning()) {
                throw ApiException.conflict("id", "this node runs " + config.maxRunning()
                        + " restreams already (polyplex.restream.max-running)");
            }
            OverlayGraph draws;
            try {
                draws = overlays.activate(id, channel.name(), Overlay.of(id), r.overlayValues);
            } catch (RuntimeException e) {
                overlays.deactivate(id);
                Log.warnf("restream %d: cannot write its overlay files: %s", id, e.getMessage());
                throw new ApiException(500, "overlay_files", "the overlay files cannot be written (see the log)", null);
            }
            RestreamRun run = new RestreamRun(id, channel, targets, (c, sink) -> sessions.tap(c, "restream", sink),
                    env, metrics, config.sourceRetry().toMillis(), draws);
            runs.put(id, run);
            run.start();
            Log.infof("restream %d: started, channel %d to %d destinations", id, channel.id(), targets.size());
        }
        return status(id);
    }

    /** Stops the restream (a 404 when unknown); waits a bounded time for its ffmpegs to go. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public RestreamStatus stop(long id) {
        Restream.require(id);
        stopRun(id, "stopped by an admin");
        return status(id);
    }

    /** Emergency stop of every running restream; answers how many were stopped once their ffmpegs are gone. */
    public int stopAll(String reason) {
        List<RestreamRun> all;
        synchronized (runs) {
            all = new ArrayList<>(runs.values());
            runs.clear();
        }
        awaitStops(all.stream().map(r -> r.stop(reason)).toList());
        all.forEach(r -> overlays.deactivate(r.id()));
        if (!all.isEmpty()) {
            Log.warnf("restream: every restream stopped (%d): %s", all.size(), reason);
        }
        return all.size();
    }

    /** The running status, or the stored restream with every destination idle. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public RestreamStatus status(long id) {
        RestreamRun run = runs.get(id);
        if (run != null) {
            return run.status();
        }
        Restream r = Restream.require(id);
        return idle(r);
    }

    /** Statuses of a page of restreams. */
    public List<RestreamStatus> statuses(List<Restream> page) {
        return page.stream().map(r -> {
            RestreamRun run = runs.get(r.id);
            return run != null ? run.status() : idle(r);
        }).toList();
    }

    /**
     * After a change of a restream's overlays or values: a running restream's files are rendered
     * again (a text change is on air at the next frame), and when the filter graph changed (an
     * overlay added, deleted, moved, resized...) its encoded destinations restart their ffmpeg.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void refreshOverlays(long id) {
        RestreamRun run = runs.get(id);
        if (run == null) {
            return;
        }
        Restream r = Restream.require(id);
        overlays.refresh(id, Overlay.of(id), r.overlayValues).ifPresent(run::overlays);
    }

    public boolean running(long id) {
        return runs.containsKey(id);
    }

    private RestreamStatus idle(Restream r) {
        List<DestinationStatus> ds = r.targets.stream().map(t -> new DestinationStatus(t.destinationId, null,
                t.profile, "idle", 0, 0, 0, 0, 0, 0, 0, null, t.profile.encodes() ? null : "copy", 0, null, t.profile,
                null)).toList();
        return new RestreamStatus(r.id, r.channelId, "idle", "none", ds);
    }

    private void stopRun(long id, String reason) {
        RestreamRun run;
        synchronized (runs) {
            run = runs.remove(id);
        }
        if (run != null) {
            awaitStops(List.of(run.stop(reason)));
            overlays.deactivate(id);
            Log.infof("restream %d: stopped (%s)", id, reason);
        }
    }

    private void awaitStops(List<CompletableFuture<Void>> stops) {
        Duration bound = config.stopGrace().plusSeconds(3);
        try {
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).get(bound.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            Log.warnf("restream: ffmpegs still stopping after %s; the supervisor kills them", bound);
        }
    }

    private void used(long destinationId) {
        background.execute(() -> {
            try {
                destinations.markUsed(destinationId, clock.instant());
            } catch (RuntimeException e) {
                Log.warnf("restream: cannot record the use of destination %d: %s", destinationId,
                        e.getClass().getSimpleName());
            }
        });
    }

    private void apply(Restream r, RestreamInput input) {
        if (input.destinations().size() > config.maxDestinations()) {
            throw ApiException.invalid("destinations", "at most " + config.maxDestinations()
                    + " destinations per restream (polyplex.restream.max-destinations)");
        }
        Set<Long> seen = new HashSet<>();
        for (RestreamInput.Target t : input.destinations()) {
            if (!seen.add(t.destinationId())) {
                throw ApiException.invalid("destinations", "destination " + t.destinationId() + " is listed twice");
            }
        }
        try {
            channels.get(input.channelId());
        } catch (ApiException e) {
            throw new ApiException(422, "unprocessable", "channel " + input.channelId() + " does not exist",
                    "channelId");
        }
        List<Long> missing = destinations.missing(seen);
        if (!missing.isEmpty()) {
            throw new ApiException(422, "unprocessable", "destination " + missing.get(0) + " does not exist",
                    "destinations");
        }
        r.channelId = input.channelId();
        r.targets.clear();
        for (RestreamInput.Target t : input.destinations()) {
            r.targets.add(new RestreamTarget(t.destinationId(), t.profile() == null ? Profile.COPY : t.profile(),
                    t.audio() == null ? AudioMode.AUTO : t.audio()));
        }
    }

    private static void flush() {
        DbConstraints.flush(kind -> new ApiException(422, "unprocessable",
                "the channel or a destination does not exist", null));
    }

    /** Before the supervisor's own shutdown stops every process: stop the runs, so none retries. */
    void onStop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        stopAll("the node is shutting down");
        background.shutdown();
        env.control().shutdown();
    }

    Map<Long, RestreamRun> runs() {
        return new HashMap<>(runs);
    }
}
