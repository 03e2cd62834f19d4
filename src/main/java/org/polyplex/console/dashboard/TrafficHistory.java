package org.polyplex.console.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.polyplex.console.session.ConsoleConfig;
import org.polyplex.console.web.LiveSessions;
import org.polyplex.proxy.session.SessionsSnapshot;

import io.quarkus.scheduler.Scheduled;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The dashboard's last hour, in memory: one sample every {@code polyplex.console.history-every}
 * (viewers, sessions and the proxy's cumulative byte, failover and refusal counters), at most
 * {@code history-window / history-every} of them; the oldest is dropped first. Rates and
 * per-hour counts are differences between samples, so a restart starts an empty graph.
 */
@ApplicationScoped
public class TrafficHistory {

    /** One sample; the counters are cumulative since start. */
    public record Sample(Instant at, int viewers, int sessions, double bytesIn, double bytesOut, double failovers,
            double refusals) {
    }

    /** One point of the graphs: viewers, and bits per second in and out since the sample before. */
    public record Point(Instant at, int viewers, long bitsInPerSecond, long bitsOutPerSecond) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();
    private final int max;
    private final LiveSessions live;
    private final MeterRegistry registry;
    private final Clock clock;

    @Inject
    TrafficHistory(ConsoleConfig config, LiveSessions live, MeterRegistry registry, Clock clock) {
        this.max = (int) Math.max(2, config.historyWindow().toMillis() / config.historyEvery().toMillis() + 1);
        this.live = live;
        this.registry = registry;
        this.clock = clock;
    }

    TrafficHistory(int max) {
        this.max = max;
        this.live = null;
        this.registry = null;
        this.clock = null;
    }

    @Scheduled(every = "{polyplex.console.history-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sample() {
        SessionsSnapshot now = live.now();
        add(new Sample(clock.instant(), now.viewers().size(), now.sessions().size(), sum("polyplex.proxy.bytes.in"),
                sum("polyplex.proxy.bytes.out"), sum("polyplex.proxy.failovers"), sum("polyplex.proxy.refusals")));
    }

    synchronized void add(Sample sample) {
        samples.addLast(sample);
        while (samples.size() > max) {
            samples.removeFirst();
        }
    }

    /** The graph points, oldest first: one fewer than the samples. */
    public synchronized List<Point> points() {
        List<Point> points = new ArrayList<>();
        Sample before = null;
        for (Sample s : samples) {
            if (before != null) {
                double seconds = Math.max(0.001, Duration.between(before.at(), s.at()).toMillis() / 1000.0);
                points.add(new Point(s.at(), s.viewers(), rate(before.bytesIn(), s.bytesIn(), seconds),
                        rate(before.bytesOut(), s.bytesOut(), seconds)));
            }
            before = s;
        }
        return points;
    }

    /** Failovers within the kept window (the last hour). */
    public synchronized long failovers() {
        return samples.isEmpty() ? 0 : Math.round(samples.getLast().failovers() - samples.getFirst().failovers());
    }

    /** Refusals (limits, memory, bad lines) within the kept window. */
    public synchronized long refusals() {
        return samples.isEmpty() ? 0 : Math.round(samples.getLast().refusals() - samples.getFirst().refusals());
    }

    private double sum(String name) {
        return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    private static long rate(double before, double after, double seconds) {
        return Math.max(0, Math.round((after - before) * 8 / seconds));
    }
}
