package org.polyplex.archive.record;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.interceptor.Interceptor;

import org.polyplex.archive.ArchiveConfig;
import org.polyplex.archive.store.ArchiveStore;
import org.polyplex.catalog.CatalogService;
import org.polyplex.catalog.CatalogSnapshot;
import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.catalog.model.CatalogChanged;
import org.polyplex.proxy.session.SessionRegistry;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

import io.vertx.core.Vertx;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Entry point of the archive's recording: keeps one {@link ChannelRecorder} (an always-on session
 * tap) for every enabled channel whose {@code archiveDays} is above 0, following the catalog
 * snapshot (after every committed change, and on the cluster refresh), and prunes the archive:
 * files past their channel's window every {@code prune-every}, the oldest files across channels
 * past {@code max-bytes}.
 */
@ApplicationScoped
public class ArchiveRecorder {

    static final String PURPOSE = "archive";

    private final ArchiveStore store;
    private final ArchiveConfig config;
    private final CatalogService catalog;
    private final SessionRegistry sessions;
    private final Clock clock;
    private final Vertx vertx;
    private final ArchiveMetrics metrics;
    private final Map<Long, ChannelRecorder> recorders = new HashMap<>();
    private ExecutorService writers;
    private long seenVersion = -1;
    private boolean stopped;

    ArchiveRecorder(ArchiveStore store, ArchiveConfig config, CatalogService catalog, SessionRegistry sessions,
            Clock clock, Vertx vertx, MeterRegistry meters) {
        this.store = store;
        this.config = config;
        this.catalog = catalog;
        this.sessions = sessions;
        this.clock = clock;
        this.vertx = vertx;
        this.metrics = new ArchiveMetrics(meters);
    }

    void onStart(@Observes StartupEvent event) {
        AtomicInteger thread = new AtomicInteger();
        writers = Executors.newFixedThreadPool(config.writerThreads(), r -> {
            Thread t = new Thread(r, "archive-writer-" + thread.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        metrics.gauges(this::recordingCount, store::totalBytes, store::totalFiles);
        reconcile();
    }

    /** After the catalog service's own observer has rebuilt the snapshot (it has the default priority). */
    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Priority(Interceptor.Priority.APPLICATION
            + 900) CatalogChanged event) {
        reconcile();
    }

    /** Picks up other nodes' catalog changes, which reach this node as a refreshed snapshot only. */
    @Scheduled(every = "{polyplex.cluster.snapshot-refresh}", delayed = "{polyplex.cluster.snapshot-refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        if (catalog.snapshot().version() != seenVersionNow()) {
            reconcile();
        }
    }

    @Scheduled(every = "{polyplex.archive.prune-every}", delayed = "{polyplex.archive.prune-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPrune() {
        prune();
    }

    private synchronized long seenVersionNow() {
        return seenVersion;
    }

    /** Starts recording the newly archived channels and stops the ones no longer archived. */
    public synchronized void reconcile() {
        if (stopped || writers == null) {
            return;
        }
        CatalogSnapshot snapshot = catalog.snapshot();
        seenVersion = snapshot.version();
        Map<Long, LiveChannel> wanted = new HashMap<>();
        for (LiveChannel c : snapshot.channels()) {
            if (c.archiveDays() > 0) {
                wanted.put(c.id(), c);
            }
        }
        for (var it = recorders.entrySet().iterator(); it.hasNext();) {
            var e = it.next();
            if (!wanted.containsKey(e.getKey())) {
                it.remove();
                e.getValue()
                        .stop(snapshot.channel(e.getKey()).isPresent() ? "archive turned off" : "channel disabled or deleted");
            }
        }
        wanted.forEach((id, channel) -> {
            ChannelRecorder running = recorders.get(id);
            if (running != null) {
                running.update(channel);
                return;
            }
            ChannelRecorder recorder = new ChannelRecorder(channel, store,
                    (c, sink) -> sessions.tap(c, PURPOSE, sink), metrics, clock, vertx, writers, config);
            recorders.put(id, recorder);
            Log.infof("archive: recording channel %d (%d days)", id, channel.archiveDays());
            recorder.start();
        });
    }

    /**
     * Deletes what is past each channel's window ({@code archiveDays}, or
     * {@code unarchived-retention} for a channel no longer archived), then the oldest files
     * across channels while the archive is over its quota. Blocking file IO: on a worker thread.
     */
    public Pruned prune() {
        CatalogSnapshot snapshot = catalog.snapshot();
        Instant now = clock.instant();
        int window = 0;
        for (long channelId : store.channelIds()) {
            int days = snapshot.channel(channelId).map(LiveChannel::archiveDays).orElse(0);
            Duration keep = days > 0 ? Duration.ofDays(days) : config.unarchivedRetention();
            window += store.pruneBefore(channelId, now.minus(keep));
        }
        int quota = store.enforceQuota(config.maxBytes());
        metrics.pruned("window", window);
        metrics.pruned("quota", quota);
        if (window + quota > 0) {
            Log.infof("archive pruned: %d files past their window, %d over the quota", window, quota);
        }
        return new Pruned(window, quota);
    }

    /** Files deleted by one prune: past their window, and over the quota. */
    public record Pruned(int window, int quota) {
    }

    public ArchiveMetrics metrics() {
        return metrics;
    }

    /** Channels whose recording has a tap delivering chunks now. */
    public synchronized int recordingCount() {
        return (int) recorders.values().stream().filter(r -> r.state() instanceof RecorderState.Recording).count();
    }

    /** The recording state of the channel, empty when it is not archived. */
    public synchronized Optional<RecorderState> state(long channelId) {
        return Optional.ofNullable(recorders.get(channelId)).map(ChannelRecorder::state);
    }

    /** Every archived channel and every channel with files on disk. */
    public ArchiveStatus status() {
        Map<Long, ChannelRecorder> running;
        synchronized (this) {
            running = new HashMap<>(recorders);
        }
        CatalogSnapshot snapshot = catalog.snapshot();
        TreeSet<Long> ids = new TreeSet<>(running.keySet());
        ids.addAll(store.channelIds());
        List<ArchiveStatus.ChannelStatus> channels = new ArrayList<>();
        int recording = 0;
        for (long id : ids) {
            ChannelRecorder r = running.get(id);
            Optional<LiveChannel> channel = r != null ? Optional.of(r.channel()) : snapshot.channel(id);
            RecorderState state = r == null ? null : r.state();
            Instant since = null;
            Instant retryAt = null;
            String reason = null;
            if (state instanceof RecorderState.Recording rec) {
                since = rec.since();
                recording++;
            } else if (state instanceof RecorderState.Opening o) {
                since = o.since();
            } else if (state instanceof RecorderState.Waiting w) {
                retryAt = w.until();
                reason = w.reason();
            }
            var span = store.span(id);
            var usage = store.usage(id);
            channels.add(new ArchiveStatus.ChannelStatus(id, channel.map(LiveChannel::name).orElse(null),
                    channel.map(LiveChannel::archiveDays).orElse(0), state == null ? "off" : state.name(), since,
                    retryAt, reason, span.map(ArchiveStore.Span::start).orElse(null),
                    span.map(ArchiveStore.Span::end).orElse(null), usage.files(), usage.bytes(),
                    r == null ? 0 : r.gaps(), r == null ? 0 : r.droppedBytes(), r == null ? 0 : r.writeErrors(),
                    r == null ? null : r.lastError(), r == null ? null : r.lastErrorAt()));
        }
        return new ArchiveStatus(store.totalBytes(), config.maxBytes(), store.totalFiles(), recording, channels);
    }

    /**
     * Before the sessions close: stop every recording so each file is closed with its end, then let the writers finish
     * (bounded).
     */
    void onStop(@Observes ShutdownEvent event) {
        List<ChannelRecorder> all;
        synchronized (this) {
            stopped = true;
            all = new ArrayList<>(recorders.values());
            recorders.clear();
        }
        all.forEach(r -> r.stop("server shutting down"));
        if (writers != null) {
            writers.shutdown();
            try {
                if (!writers.awaitTermination(3, TimeUnit.SECONDS)) {
                    Log.info("archive writers still busy at shutdown; their files are recovered at the next start");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
