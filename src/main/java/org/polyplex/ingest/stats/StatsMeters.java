package org.polyplex.ingest.stats;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * The Prometheus gauges of {@link StreamStats}: per stream (label {@code stream}, the numeric id
 * only), registered when the stream is first sampled and removed when its generation ends, so the
 * label set is bounded by the streams with open generations; and two node gauges.
 */
final class StatsMeters {

    private final MeterRegistry registry;
    private final StreamStats stats;
    private final Map<Long, List<Meter>> perStream = new ConcurrentHashMap<>();

    StatsMeters(MeterRegistry registry, StreamStats stats) {
        this.registry = registry;
        this.stats = stats;
        Gauge.builder("polyplex.ingest.publishers", stats, StreamStats::publishers)
                .description("publishers connected to open generations").register(registry);
        Gauge.builder("polyplex.ingest.spool.bytes", stats, StreamStats::spoolBytes)
                .description("bytes in the ingest spool").register(registry);
    }

    void track(long streamId) {
        perStream.computeIfAbsent(streamId, id -> List.of(
                gauge(id, "viewers", s -> s.viewers()),
                gauge(id, "ingress.kbps", s -> s.ingressKbps()),
                gauge(id, "egress.kbps", s -> s.egressKbps()),
                gauge(id, "playlist.age.seconds",
                        s -> s.playlistAgeMs() == null ? Double.NaN : s.playlistAgeMs() / 1000.0),
                gauge(id, "healthy", s -> Health.HEALTHY.wire().equals(s.health()) ? 1 : 0)));
    }

    void untrack(long streamId) {
        List<Meter> meters = perStream.remove(streamId);
        if (meters != null) {
            meters.forEach(registry::remove);
        }
    }

    private Meter gauge(long streamId, String name, ToDoubleFunction<StreamSample> value) {
        return Gauge.builder("polyplex.ingest.stream." + name, stats,
                s -> s.current(streamId).map(value::applyAsDouble).orElse(Double.NaN))
                .tags(Tags.of("stream", Long.toString(streamId))).register(registry);
    }
}
