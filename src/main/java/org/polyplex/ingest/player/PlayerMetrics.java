package org.polyplex.ingest.player;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The player pages' reports, aggregated over all streams into Prometheus meters (no per-stream or
 * per-viewer label: what a browser sends must not grow the label set): startup time, errors,
 * rebuffering and live-edge distance.
 */
@ApplicationScoped
public class PlayerMetrics {

    private final Timer startup;
    private final Counter errors;
    private final Counter rebuffer;
    private final DistributionSummary liveEdge;
    private final Counter reports;

    PlayerMetrics(MeterRegistry registry) {
        this.startup = Timer.builder("polyplex.player.startup").description("player page: request to first frame")
                .publishPercentiles(0.5, 0.95).register(registry);
        this.errors = registry.counter("polyplex.player.errors");
        this.rebuffer = Counter.builder("polyplex.player.rebuffer.seconds").description("time players spent stalled")
                .register(registry);
        this.liveEdge = DistributionSummary.builder("polyplex.player.live.edge.seconds")
                .description("distance of players to the live edge").publishPercentiles(0.5, 0.95).register(registry);
        this.reports = registry.counter("polyplex.player.reports");
    }

    void record(PlayerReport report) {
        reports.increment();
        if (report.startupMs() != null) {
            startup.record(Duration.ofMillis(report.startupMs()));
        }
        if (report.errors() != null) {
            errors.increment(report.errors());
        }
        if (report.rebufferMs() != null) {
            rebuffer.increment(report.rebufferMs() / 1000.0);
        }
        if (report.liveEdgeSeconds() != null) {
            liveEdge.record(report.liveEdgeSeconds());
        }
    }

    /** Startup times recorded so far (for tests and the console). */
    long startups() {
        return startup.count();
    }

    double meanStartupMillis() {
        return startup.mean(TimeUnit.MILLISECONDS);
    }
}
