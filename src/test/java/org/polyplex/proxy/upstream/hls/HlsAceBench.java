package org.polyplex.proxy.upstream.hls;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.polyplex.proxy.PluggedHarness;
import org.polyplex.proxy.PluggedHarness.Watcher;
import org.polyplex.proxy.ProxyBeans;
import org.polyplex.proxy.upstream.ace.AceStreamConfig;
import org.polyplex.proxy.upstream.ace.AceStreamEngine;
import org.polyplex.testsupport.FakeAceEngine;
import org.polyplex.testsupport.TsFixtures;

import io.vertx.core.Vertx;

import org.junit.jupiter.api.Test;

/**
 * Benchmark of issue 5 (not a unit test: the class name keeps it out of the default test run).
 * Run with {@code bench/hls/run.sh}. Everything on loopback in one JVM: the origin (live HLS made
 * by ffmpeg, and the fake AceStream engine), the proxy and the simulated viewers, so CPU is the
 * whole process's. Prints a Markdown table and writes it to {@code target/bench-hls.md}.
 */
class HlsAceBench {

    private static final int HLS_VIEWERS = Integer.getInteger("bench.hls.viewers", 500);
    private static final int ACE_VIEWERS = Integer.getInteger("bench.ace.viewers", 200);
    private static final Duration RUN = Duration.ofSeconds(Long.getLong("bench.seconds", 20));
    private static final String ID = "e".repeat(40);

    @Test
    void run() throws Exception {
        List<String> rows = new ArrayList<>();
        rows.add("| scenario | viewers | duration | upstream opened | fetches per segment | "
                + "first byte p50 / p99 ms | bytes out per viewer (min) | process CPU s |");
        rows.add("|---|---|---|---|---|---|---|---|");
        rows.add(hls());
        rows.add(ace());
        String table = String.join("\n", rows);
        System.out.println(table);
        Files.writeString(Path.of("target", "bench-hls.md"), table + "\n");
    }

    private String hls() {
        long cpu0 = cpu();
        try (PluggedHarness proxy = new PluggedHarness(Map.of(), List.of(HlsConfig.class),
                (client, h) -> ProxyBeans.upstreamFactory(client, h.proxyConfig(), null,
                        new HlsSources(h.vertx, client, h.config.getConfigMapping(HlsConfig.class).upstream())))) {
            LiveHlsServer origin = new LiveHlsServer(proxy.vertx, 8).start();
            proxy.channel(1, origin.url("/live.m3u8"));
            List<Watcher> viewers = open(proxy, HLS_VIEWERS);
            wait(proxy, RUN);
            viewers.forEach(Watcher::close);
            List<Long> order = origin.segmentOrder();
            double perSegment = order.isEmpty() ? 0 : (double) order.size() / new HashSet<>(order).size();
            return row("HLS source -> TS viewers", viewers, origin.requests("/live.m3u8") > 0 ? 1 : 0,
                    String.format("%.2f (%d segments)", perSegment, order.size()), cpu0);
        }
    }

    private String ace() throws Exception {
        long cpu0 = cpu();
        Vertx engineVertx = Vertx.vertx();
        FakeAceEngine engine = new FakeAceEngine(engineVertx, 2_000_000)
                .content(ID, TsFixtures.read(TsFixtures.h264(6, 600)), FakeAceEngine.Mode.OK).start();
        Map<String, String> props = new HashMap<>();
        props.put("polyplex.acestream.engine-url", engine.url());
        props.put("polyplex.proxy.session.linger", "1s");
        try (PluggedHarness proxy = new PluggedHarness(props, List.of(AceStreamConfig.class),
                (client, h) -> ProxyBeans.upstreamFactory(client, h.proxyConfig(),
                        new AceStreamEngine(h.vertx, client, h.config.getConfigMapping(AceStreamConfig.class)),
                        null))) {
            proxy.channel(1, "acestream://" + ID);
            List<Watcher> viewers = open(proxy, ACE_VIEWERS);
            wait(proxy, RUN.dividedBy(2));
            viewers.forEach(Watcher::close);
            proxy.await("engine stop after linger", Duration.ofSeconds(20), () -> engine.stops(ID) == 1);
            return row("AceStream (fake engine) -> TS viewers", viewers, engine.sessions(ID).size(),
                    "n/a (" + engine.getstreamRequests() + " getstream, " + engine.stops(ID) + " stop)", cpu0);
        } finally {
            PluggedHarness.join(engineVertx.close());
        }
    }

    private static List<Watcher> open(PluggedHarness proxy, int n) {
        List<Watcher> viewers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            viewers.add(proxy.open(1, 0));
        }
        return viewers;
    }

    private static void wait(PluggedHarness proxy, Duration d) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        proxy.vertx.setTimer(d.toMillis(), t -> done.complete(null));
        try {
            done.get(d.toMillis() + 10_000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String row(String name, List<Watcher> viewers, int upstreams, String perSegment, long cpu0) {
        List<Long> ttfb = viewers.stream().filter(v -> v.firstByteNanos > 0)
                .map(v -> (v.firstByteNanos - v.openedNanos) / 1_000_000).sorted().toList();
        long min = viewers.stream().mapToLong(v -> v.total).min().orElse(0);
        return String.format("| %s | %d (%d got bytes) | %d s | %d | %s | %s / %s | %d KiB | %.1f |", name,
                viewers.size(), ttfb.size(), RUN.toSeconds() / (name.startsWith("Ace") ? 2 : 1), upstreams,
                perSegment, pct(ttfb, 50), pct(ttfb, 99), min / 1024, (cpu() - cpu0) / 1e9);
    }

    private static String pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return "-";
        }
        return String.valueOf(sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100)));
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

}
