package org.polyplex.ingest.stats;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.polyplex.ingest.activity.StreamActivity;
import org.polyplex.ingest.generation.GenerationEnded;
import org.polyplex.ingest.media.MediaConfig;
import org.polyplex.ingest.media.Rendition;
import org.polyplex.ingest.media.SpoolConfig;
import org.polyplex.ingest.media.SpoolLayout;
import org.polyplex.ingest.media.SpoolRetention;
import org.polyplex.proxy.session.SessionRegistry;
import org.polyplex.proxy.session.SessionsSnapshot;
import org.polyplex.proxy.viewer.ViewerInfo;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * ★ Periodic figures of every stream with an open generation ({@link StreamSample}), with a bounded
 * history per stream, dropped when its generation ends. {@link #snapshot()} runs every
 * {@code polyplex.ingest.stats.every} on a worker thread (it reads the database and the spool).
 * Readers ({@link #current(long)}, {@link #history(long)}) never block.
 */
@ApplicationScoped
public class StreamStats {

    private static final long PROXY_TIMEOUT_SECONDS = 2;

    private final StatsConfig config;
    private final Duration target;
    private final OpenStreams open;
    private final StreamActivity activity;
    private final SessionRegistry sessions;
    private final SpoolLayout layout;
    private final SpoolRetention spool;
    private final Clock clock;
    private final Instance<MeterRegistry> registries;
    private final ConcurrentHashMap<Long, Tracked> streams = new ConcurrentHashMap<>();
    private volatile int publishers;
    private StatsMeters meters;

    @Inject
    StreamStats(StatsConfig config, MediaConfig media, SpoolConfig spoolConfig, OpenStreams open,
            StreamActivity activity, SessionRegistry sessions, SpoolRetention spool, Clock clock,
            Instance<MeterRegistry> registries) {
        this.config = config;
        this.target = media.hlsTime();
        this.open = open;
        this.activity = activity;
        this.sessions = sessions;
        this.layout = new SpoolLayout(Path.of(spoolConfig.spoolDir()).toAbsolutePath());
        this.spool = spool;
        this.clock = clock;
        this.registries = registries;
    }

    @PostConstruct
    void registerNodeMeters() {
        if (registries.isResolvable()) {
            meters = new StatsMeters(registries.get(), this);
        }
    }

    @Scheduled(every = "{polyplex.ingest.stats.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        snapshot();
    }

    /** Samples every stream with an open generation now. Blocking: call from a worker thread. */
    public void snapshot() {
        List<OpenStream> now = open.list(config.maxStreams());
        SessionsSnapshot proxy = proxySnapshot();
        Instant at = clock.instant();
        long nanos = System.nanoTime();
        Set<Long> seen = new HashSet<>();
        int connected = 0;
        for (OpenStream s : now) {
            seen.add(s.streamId());
            Tracked t = streams.compute(s.streamId(), (id, old) -> old != null && old.generationId == s.generationId()
                    ? old
                    : new Tracked(s.generationId(), config.history()));
            var publisher = activity.of(s.streamId()).filter(p -> p.generationId() == s.generationId());
            if (publisher.isPresent() && publisher.get().connected()) {
                connected++;
            }
            t.ring.add(sample(s, proxy, at, nanos, t, publisher.map(p -> p.ingressKbps()).orElse(0L)));
            if (meters != null) {
                meters.track(s.streamId());
            }
        }
        for (Long id : Set.copyOf(streams.keySet())) {
            if (!seen.contains(id)) {
                drop(id);
            }
        }
        publishers = connected;
    }

    /** The stream's newest sample with the verdict as of now ({@code stale} if sampling stopped). */
    public Optional<StreamSample> current(long streamId) {
        Tracked t = streams.get(streamId);
        StreamSample last = t == null ? null : t.ring.last();
        if (last == null) {
            return Optional.empty();
        }
        Duration age = last.playlistAgeMs() == null ? null : Duration.ofMillis(last.playlistAgeMs());
        return Optional.of(last.withHealth(Health.of(clock.instant(), last.sampledAt(), config.every(), age, target)));
    }

    /** The stream's samples, oldest first; empty when it has no open generation. */
    public List<StreamSample> history(long streamId) {
        Tracked t = streams.get(streamId);
        return t == null ? List.of() : t.ring.list();
    }

    /** Publishers connected to open generations at the last snapshot. */
    int publishers() {
        return publishers;
    }

    /** Spool bytes as the last retention run counted them; NaN before it ran. */
    double spoolBytes() {
        long bytes = spool.usageBytes();
        return bytes < 0 ? Double.NaN : bytes;
    }

    void ended(@Observes(during = TransactionPhase.AFTER_SUCCESS) GenerationEnded event) {
        Tracked t = streams.get(event.streamId());
        if (t != null && t.generationId == event.generationId()) {
            drop(event.streamId());
        }
    }

    private void drop(long streamId) {
        streams.remove(streamId);
        if (meters != null) {
            meters.untrack(streamId);
        }
    }

    private StreamSample sample(OpenStream s, SessionsSnapshot proxy, Instant at, long nanos, Tracked t, long ingress) {
        int ts = 0;
        int hls = 0;
        Map<Long, Long> bytesOut = new HashMap<>();
        if (s.channelId() != null) {
            for (ViewerInfo v : proxy.viewers()) {
                if (v.channelId() == s.channelId()) {
                    bytesOut.put(v.id(), v.bytesOut());
                    if ("hls".equals(v.protocol())) {
                        hls++;
                    } else {
                        ts++;
                    }
                }
            }
        }
        long egress = t.egress.sample(bytesOut, nanos);
        Path playlist = layout.rendition(s.streamId(), s.generationId(), Rendition.SOURCE.name())
                .resolve(SpoolLayout.PLAYLIST);
        PlaylistProbe.PlaylistFiles files = PlaylistProbe.probe(playlist);
        Duration age = files.playlistAt() == null ? null : max0(Duration.between(files.playlistAt(), at));
        Health health = Health.of(at, at, config.every(), age, target);
        return new StreamSample(s.streamId(), s.generationId(), s.state(), at, ts + hls, ts, hls, ingress, egress,
                age == null ? null : age.toMillis(), files.lastSegmentAt(), health.wire());
    }

    private SessionsSnapshot proxySnapshot() {
        try {
            return sessions.snapshot().toCompletionStage().toCompletableFuture()
                    .get(PROXY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            Log.debugf("stats: the proxy's sessions could not be read: %s", e.toString());
        }
        return new SessionsSnapshot(List.of(), List.of(), new SessionsSnapshot.Memory(0, 0));
    }

    private static Duration max0(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static final class Tracked {
        final long generationId;
        final SampleRing<StreamSample> ring;
        final EgressRate egress = new EgressRate();

        Tracked(long generationId, int history) {
            this.generationId = generationId;
            this.ring = new SampleRing<>(history);
        }
    }
}
