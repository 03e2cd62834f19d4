package org.polyplex.ingest.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class StreamActivityTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong nanos = new AtomicLong(100 * SECOND);
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void shouldReportPublisherAndIngressOverTheSlidingWindow() {
        StreamActivity activity = new StreamActivity(clock, nanos::get, 4, 10);
        assertThat(activity.of(1)).isEmpty();
        activity.publisherConnected(1, 7, "192.0.2.1");
        assertThat(activity.of(1).orElseThrow().ingressKbps()).isZero();
        // 375,000 bytes per second = 3,000 kbps
        for (int s = 0; s < 6; s++) {
            activity.ingress(1, 125_000);
            activity.ingress(1, 250_000);
            nanos.addAndGet(SECOND);
        }
        PublisherActivity p = activity.of(1).orElseThrow();
        assertThat(p).isEqualTo(new PublisherActivity(7, true, clock.instant(), "192.0.2.1", 3000));
        // two quiet seconds halve the average over a 4 s window
        nanos.addAndGet(2 * SECOND);
        assertThat(activity.of(1).orElseThrow().ingressKbps()).isEqualTo(1500);
        nanos.addAndGet(10 * SECOND);
        assertThat(activity.of(1).orElseThrow().ingressKbps()).isZero();
    }

    @Test
    void shouldAverageOverFewerSecondsWhenYoung() {
        StreamActivity activity = new StreamActivity(clock, nanos::get, 10, 10);
        activity.publisherConnected(1, 1, "a");
        activity.ingress(1, 125_000); // 1 Mbit in the first second
        nanos.addAndGet(SECOND);
        assertThat(activity.of(1).orElseThrow().ingressKbps()).isEqualTo(1000);
    }

    @Test
    void shouldMarkPublisherGoneAndIgnoreIngressThen() {
        StreamActivity activity = new StreamActivity(clock, nanos::get, 4, 10);
        activity.publisherConnected(1, 7, "a");
        activity.publisherGone(1);
        activity.ingress(1, 1_000_000);
        nanos.addAndGet(2 * SECOND);
        PublisherActivity p = activity.of(1).orElseThrow();
        assertThat(p.connected()).isFalse();
        assertThat(p.ingressKbps()).isZero();
        activity.publisherGone(2); // never seen: nothing
        assertThat(activity.of(2)).isEmpty();
        activity.forget(1);
        assertThat(activity.of(1)).isEmpty();
    }

    @Test
    void shouldTrackAtMostMaxStreams() {
        StreamActivity activity = new StreamActivity(clock, nanos::get, 4, 2);
        activity.publisherConnected(1, 1, "a");
        activity.publisherConnected(2, 1, "a");
        activity.publisherConnected(3, 1, "a");
        assertThat(activity.of(3)).isEmpty();
        activity.publisherConnected(1, 2, "b"); // a known stream is still updated
        assertThat(activity.of(1).orElseThrow().generationId()).isEqualTo(2);
    }
}
