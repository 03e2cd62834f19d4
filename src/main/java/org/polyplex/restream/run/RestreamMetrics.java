package org.polyplex.restream.run;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Prometheus meters of running restreams, labelled by restream and destination id only (never a
 * URL, a name or a key): {@code polyplex_restream_destination_state} (0 idle, 1 starting, 2 live,
 * 3 retrying, 4 failed), {@code polyplex_restream_destination_retries_total},
 * {@code polyplex_restream_destination_fps}, {@code polyplex_restream_destination_bitrate_kbps} and
 * {@code polyplex_restream_destination_degraded} (1 below the configured profile).
 * A run's meters are removed when it stops.
 */
public final class RestreamMetrics {

    private final MeterRegistry registry;

    public RestreamMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Registers the destination's meters; answers them (for removal) and the retry counter's increment. */
    Registered register(long restreamId, DestinationWorker worker) {
        Tags tags = Tags.of("restream", Long.toString(restreamId), "destination",
                Long.toString(worker.destinationId()));
        List<Meter> meters = new ArrayList<>();
        meters.add(Gauge.builder("polyplex.restream.destination.state", worker, w -> w.state().level()).tags(tags)
                .description("State of a restream destination: 0 idle, 1 starting, 2 live, 3 retrying, 4 failed")
                .register(registry));
        meters.add(Gauge.builder("polyplex.restream.destination.fps", worker, w -> w.status().fps()).tags(tags)
                .description("Frames per second a restream destination's ffmpeg sends").register(registry));
        meters.add(Gauge.builder("polyplex.restream.destination.bitrate.kbps", worker,
                w -> w.status().bitrateKbps()).tags(tags)
                .description("Output bitrate of a restream destination in kbit/s").register(registry));
        meters.add(Gauge.builder("polyplex.restream.destination.degraded", worker,
                w -> w.status().activeProfile() != w.status().profile() ? 1 : 0).tags(tags)
                .description("1 while degraded mode runs a restream destination below its configured profile")
                .register(registry));
        Counter retries = Counter.builder("polyplex.restream.destination.retries").tags(tags)
                .description("Times a restream destination dropped and was retried").register(registry);
        meters.add(retries);
        return new Registered(meters, retries);
    }

    void remove(Registered r) {
        r.meters().forEach(registry::remove);
    }

    record Registered(List<Meter> meters, Counter retries) {
    }
}
