package org.polyplex.ingest.activity;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;

/**
 * The live figures of published streams on this node, fed by the publish path: who publishes,
 * since when, and the ingress bitrate. In memory only, thread-safe, never blocking (callable from
 * an event loop), bounded by {@code polyplex.ingest.activity.max-streams}.
 */
@ApplicationScoped
public class StreamActivity {

    private final ConcurrentHashMap<Long, Entry> streams = new ConcurrentHashMap<>();
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final int windowSeconds;
    private final int maxStreams;
    private final AtomicBoolean fullLogged = new AtomicBoolean();

    @Inject
    StreamActivity(Clock clock, ActivityConfig config) {
        this(clock, System::nanoTime, (int) config.ingressWindow().toSeconds(), config.maxStreams());
    }

    StreamActivity(Clock clock, LongSupplier nanoTime, int windowSeconds, int maxStreams) {
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.windowSeconds = windowSeconds;
        this.maxStreams = maxStreams;
    }

    /** A publisher was admitted to the stream's generation; the bitrate starts afresh. */
    public void publisherConnected(long streamId, long generationId, String remoteAddress) {
        if (!streams.containsKey(streamId) && streams.size() >= maxStreams) {
            if (fullLogged.compareAndSet(false, true)) {
                Log.warnf("stream activity holds %d streams already; stream %d is not tracked", maxStreams, streamId);
            }
            return;
        }
        streams.put(streamId, new Entry(generationId, true, clock.instant(), remoteAddress,
                new IngressMeter(windowSeconds + 1, nanoTime.getAsLong())));
    }

    /** The stream's publisher left; the figures say so until it comes back. */
    public void publisherGone(long streamId) {
        streams.computeIfPresent(streamId,
                (id, e) -> new Entry(e.generationId, false, clock.instant(), e.remoteAddress, e.meter));
    }

    /** Bytes received from the stream's publisher (any media or data message). */
    public void ingress(long streamId, long bytes) {
        Entry e = streams.get(streamId);
        if (e != null && e.connected) {
            e.meter.add(bytes, nanoTime.getAsLong());
        }
    }

    /** Forgets the stream (it was deleted). */
    public void forget(long streamId) {
        streams.remove(streamId);
    }

    /** The stream's publisher as last seen on this node, or empty when none ever published here. */
    public Optional<PublisherActivity> of(long streamId) {
        Entry e = streams.get(streamId);
        if (e == null) {
            return Optional.empty();
        }
        long kbps = e.connected ? e.meter.kbps(nanoTime.getAsLong()) : 0;
        return Optional.of(new PublisherActivity(e.generationId, e.connected, e.since, e.remoteAddress, kbps));
    }

    private record Entry(long generationId, boolean connected, Instant since, String remoteAddress,
            IngressMeter meter) {
    }
}
