package org.polyplex.proxy.upstream.hls;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.polyplex.proxy.ProxyHarness;
import org.polyplex.proxy.ProxyHarness.Watcher;
import org.polyplex.proxy.upstream.UpstreamFactory;
import org.polyplex.proxy.upstream.ace.AceStreamConfig;
import org.polyplex.proxy.upstream.ace.AceStreamEngine;
import org.polyplex.testsupport.FakeAceEngine;
import org.polyplex.testsupport.TsFixtures;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;

import org.junit.jupiter.api.Test;

/**
 * Benchmark of issue 5 (not a unit test: the class name keeps it out of the default test run).
 * Run with {@code bench/hls/run.sh}. Everything on loopback in one JVM: the origin (live HLS made
 * by ffmpeg, and the fake AceStream engine), the proxy and the simulated viewers, so CPU is the
 * whole process's. Prints two Markdown tables (HLS output; TS fan-out of HLS and AceStream sources)
 * and writes them to {@code target/bench-hls.md}.
 */
class HlsAceBench {

    private static final int HLS_VIEWERS = Integer.getInteger("bench.hls.viewers", 500);
    private static final int ACE_VIEWERS = Integer.getInteger("bench.ace.viewers", 200);
    private static final Duration RUN = Duration.ofSeconds(Long.getLong("bench.seconds", 20));
    private static final Duration OUT_RUN = Duration.ofSeconds(Long.getLong("bench.output.seconds",
            RUN.toSeconds() * 3 / 2));
    private static final Duration OUT_TARGET = Duration.ofSeconds(2);
    private static final String ID = "e".repeat(40);

    @Test
    void run() throws Exception {
        String output = hlsOutput();
        List<String> rows = new ArrayList<>();
        rows.add("| scenario | viewers | duration | upstream opened | fetches per segment | "
                + "first byte p50 / p99 ms | bytes out per viewer (min) | process CPU s |");
        rows.add("|---|---|---|---|---|---|---|---|");
        rows.add(hls());
        rows.add(ace());
        String table = output + "\n\n" + String.join("\n", rows);
        System.out.println(table);
        Files.writeString(Path.of("target", "bench-hls.md"), table + "\n");
    }

    /**
     * HLS output fan-out: viewers each with their own token poll the playlist every target
     * duration (start times staggered over one target duration) and fetch every segment they have
     * not fetched yet, once, in order. Start-up (admission and the first playlist, which waits for
     * the first segment) is reported apart; latencies are those of the run after it. Then every
     * viewer polls once more, so that the segments cut near the end count as fetched too.
     * Latency is from asking the client for the request to the response's last byte.
     */
    private String hlsOutput() throws Exception {
        long cpu0 = cpu();
        Map<String, String> props = new HashMap<>();
        props.put("polyplex.proxy.hls-output.target-duration", OUT_TARGET.toSeconds() + "s");
        try (ProxyHarness proxy = new ProxyHarness(props, List.of(HlsConfig.class),
                (client, h) -> UpstreamFactory.of(client, h.proxyConfig(), null,
                        new HlsSources(h.vertx, client, h.config(HlsConfig.class).upstream()), List.of()))) {
            LiveHlsServer origin = new LiveHlsServer(proxy.vertx, 8).start();
            proxy.channel(1, origin.url("/live.m3u8"));
            HttpClient client = proxy.vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                    .setMaxPoolSize(HLS_VIEWERS).setDefaultHost("127.0.0.1").setDefaultPort(proxy.frontPort()));
            Run run = new Run(client);
            List<Poller> pollers = new ArrayList<>();
            long joinStart = System.nanoTime();
            List<Future<String>> joins = new ArrayList<>();
            for (int i = 0; i < HLS_VIEWERS; i++) {
                joins.add(client.request(HttpMethod.GET, "/hls-join/1?user=" + i).compose(r -> r.send())
                        .compose(r -> r.statusCode() == 302 ? Future.succeededFuture(r.getHeader("Location"))
                                : Future.failedFuture("join answered " + r.statusCode())));
            }
            ProxyHarness.join(Future.all(joins));
            long start = System.nanoTime() + 100_000_000L;
            long target = OUT_TARGET.toNanos();
            for (int i = 0; i < HLS_VIEWERS; i++) {
                Poller poller = new Poller(run, proxy.vertx.getOrCreateContext(), joins.get(i).result(),
                        start + target * i / HLS_VIEWERS);
                pollers.add(poller);
                poller.context.runOnContext(v -> poller.schedule());
            }
            if (!run.started.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not every viewer got a first playlist: " + run.startedCount());
            }
            double upAfter = (System.nanoTime() - joinStart) / 1e9;
            long cpuRun0 = cpu();
            long loopRun0 = eventLoopCpu();
            run.measuring = true;
            wait(proxy, OUT_RUN);
            run.measuring = false;
            long cpuRun = cpu() - cpuRun0;
            long loopRun = eventLoopCpu() - loopRun0;
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            run.stopping = true;
            if (!run.idle.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("viewers still busy after the run");
            }
            CountDownLatch drained = new CountDownLatch(pollers.size());
            pollers.forEach(p -> p.context.runOnContext(v -> p.poll(drained::countDown)));
            if (!drained.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("viewers still busy after the last poll");
            }
            long cut = Math.round(proxy.hlsSegmentsCut());
            List<Long> startup = pollers.stream().map(p -> p.startupMicros).sorted().toList();
            List<Long> playlists = pollers.stream().flatMap(p -> p.playlistMicros.stream()).sorted().toList();
            List<Long> segments = pollers.stream().flatMap(p -> p.segmentMicros.stream()).sorted().toList();
            HashSet<Long> distinct = new HashSet<>();
            long holes = 0;
            for (Poller p : pollers) {
                distinct.addAll(p.fetched);
                holes += p.fetched.isEmpty() ? 0
                        : p.fetched.get(p.fetched.size() - 1) - p.fetched.get(0) + 1
                                - p.fetched.size();
            }
            long minBytes = pollers.stream().mapToLong(p -> p.bytes).min().orElse(0);
            double meanBytes = pollers.stream().mapToLong(p -> p.bytes).average().orElse(0);
            List<Long> order = origin.segmentOrder();
            double perSegment = order.isEmpty() ? 0 : (double) order.size() / new HashSet<>(order).size();
            return String.join("\n",
                    "| scenario | viewers | duration | all up after | first playlist p50 / p99 ms | "
                            + "playlist p50 / p99 ms | segment p50 / p99 ms | "
                            + "requests: playlists + segments (failed / waited / late polls) | "
                            + "output segments cut / distinct fetched (holes) | origin fetches per segment | "
                            + "segment bytes per viewer (min / mean) | process CPU s (scenario / run) | event-loop CPU s (run) |",
                    "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
                    String.format(Locale.ROOT,
                            "| HLS source -> HLS output viewers (target %d s) | %d | %d s | %.1f s | %s / %s | "
                                    + "%s / %s | %s / %s | %d + %d (%d / %d / %d) | %d / %d = %.2f (%d) | %.2f (%d segments) | "
                                    + "%d / %.0f KiB | %.1f / %.1f | %.1f |",
                            OUT_TARGET.toSeconds(), pollers.size(), OUT_RUN.toSeconds(), upAfter, ms(startup, 50),
                            ms(startup, 99), ms(playlists, 50), ms(playlists, 99), ms(segments, 50), ms(segments, 99),
                            playlists.size(), segments.size(), run.failed.get(), run.waited.get(), run.late.get(),
                            cut, distinct.size(), distinct.isEmpty() ? 0 : (double) cut / distinct.size(), holes,
                            perSegment, order.size(), minBytes / 1024, meanBytes / 1024, (cpu() - cpu0) / 1e9,
                            cpuRun / 1e9, loopRun / 1e9),
                    String.format(Locale.ROOT, "\nLoad average (1 min) at the end of the HLS output run: %.1f"
                            + " on %d cores; failure causes: %s", load,
                            Runtime.getRuntime().availableProcessors(), run.causes));
        }
    }

    /** What all HLS output viewers share. */
    private static final class Run {
        final HttpClient client;
        final CountDownLatch started = new CountDownLatch(HLS_VIEWERS);
        final CountDownLatch idle = new CountDownLatch(HLS_VIEWERS);
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger waited = new AtomicInteger();
        final AtomicInteger late = new AtomicInteger();
        final Map<String, AtomicInteger> causes = new ConcurrentHashMap<>();
        volatile boolean measuring;
        volatile boolean stopping;

        Run(HttpClient client) {
            this.client = client;
        }

        long startedCount() {
            return HLS_VIEWERS - started.getCount();
        }

        void failed(String cause) {
            failed.incrementAndGet();
            causes.computeIfAbsent(cause, c -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** One simulated HLS player, confined to its context. */
    private static final class Poller {
        final Run run;
        final Context context;
        final String playlist;
        final String base;
        final long origin;
        final List<Long> playlistMicros = new ArrayList<>();
        final List<Long> segmentMicros = new ArrayList<>();
        final List<Long> fetched = new ArrayList<>();
        long startupMicros = -1;
        long bytes;
        long tick = -1;

        Poller(Run run, Context context, String playlist, long origin) {
            this.run = run;
            this.context = context;
            this.playlist = playlist;
            this.base = playlist.substring(0, playlist.lastIndexOf('/') + 1);
            this.origin = origin;
        }

        /** Waits for the next tick of this player's schedule (every target duration from its origin). */
        void schedule() {
            if (run.stopping && startupMicros >= 0) {
                run.idle.countDown();
                return;
            }
            long now = System.nanoTime();
            long target = OUT_TARGET.toNanos();
            // A timer may fire up to a millisecond early: never poll the same tick twice.
            long next = Math.max(tick + 1, now < origin ? 0 : (now - origin) / target + 1);
            if (tick >= 0 && next > tick + 1 && run.measuring) {
                run.late.addAndGet((int) (next - tick - 1));
            }
            tick = next;
            long delay = Math.max(1, (origin + next * target - now + 999_999) / 1_000_000);
            context.owner().setTimer(delay, t -> poll(this::schedule));
        }

        /** Fetches the playlist, then each new segment in order, then runs {@code then}. */
        void poll(Runnable then) {
            long sent = System.nanoTime();
            boolean measured = run.measuring;
            get(playlist, true).onComplete(ar -> {
                if (ar.failed() || ar.result().status != 200) {
                    int status = ar.failed() ? -1 : ar.result().status;
                    if (startupMicros < 0 && status == 503) {
                        run.waited.incrementAndGet();
                    } else {
                        run.failed("playlist " + (ar.failed() ? ar.cause().getMessage() : status));
                    }
                    then.run();
                    return;
                }
                long done = System.nanoTime();
                if (measured && run.measuring) {
                    playlistMicros.add((done - sent) / 1000);
                }
                List<String> fresh = new ArrayList<>();
                long last = fetched.isEmpty() ? -1 : fetched.get(fetched.size() - 1);
                for (String line : ar.result().body.toString().split("\n")) {
                    if (!line.isEmpty() && !line.startsWith("#")) {
                        long seq = sequence(line);
                        if (seq > last && (fresh.isEmpty() || seq > sequence(fresh.get(fresh.size() - 1)))) {
                            fresh.add(line);
                        }
                    }
                }
                if (startupMicros < 0 && !fresh.isEmpty()) {
                    startupMicros = (done - sent) / 1000;
                    run.started.countDown();
                }
                segments(fresh, 0, then);
            });
        }

        private static long sequence(String uri) {
            return Long.parseLong(uri.substring(uri.lastIndexOf('/') + 1, uri.length() - ".ts".length()));
        }

        private void segments(List<String> fresh, int i, Runnable then) {
            if (i == fresh.size()) {
                then.run();
                return;
            }
            long seq = sequence(fresh.get(i));
            long sent = System.nanoTime();
            boolean measured = run.measuring;
            get(base + fresh.get(i), false).onComplete(ar -> {
                if (ar.failed() || ar.result().status != 200) {
                    run.failed("segment " + (ar.failed() ? ar.cause().getMessage() : ar.result().status));
                } else {
                    if (measured && run.measuring) {
                        segmentMicros.add((System.nanoTime() - sent) / 1000);
                    }
                    fetched.add(seq);
                    bytes += ar.result().length;
                }
                segments(fresh, i + 1, then);
            });
        }

        /** GET; the body is kept only when asked (segments are only counted, which keeps the players cheap). */
        private Future<Answer> get(String path, boolean keepBody) {
            return run.client.request(HttpMethod.GET, path).compose(r -> r.send()).compose(r -> {
                if (keepBody) {
                    return r.body().map(b -> new Answer(r.statusCode(), b, b.length()));
                }
                Promise<Answer> answer = Promise.promise();
                long[] length = new long[1];
                r.handler(chunk -> length[0] += chunk.length());
                r.exceptionHandler(answer::tryFail);
                r.endHandler(v -> answer.tryComplete(new Answer(r.statusCode(), null, length[0])));
                return answer.future();
            });
        }
    }

    private record Answer(int status, Buffer body, long length) {
    }

    private static String ms(List<Long> sortedMicros, int p) {
        if (sortedMicros.isEmpty()) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1f",
                sortedMicros.get(Math.min(sortedMicros.size() - 1, sortedMicros.size() * p / 100)) / 1000.0);
    }

    private String hls() {
        long cpu0 = cpu();
        try (ProxyHarness proxy = new ProxyHarness(Map.of(), List.of(HlsConfig.class),
                (client, h) -> UpstreamFactory.of(client, h.proxyConfig(), null,
                        new HlsSources(h.vertx, client, h.config(HlsConfig.class).upstream()), List.of()))) {
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
        try (ProxyHarness proxy = new ProxyHarness(props, List.of(AceStreamConfig.class),
                (client, h) -> UpstreamFactory.of(client, h.proxyConfig(),
                        new AceStreamEngine(h.vertx, client, h.config(AceStreamConfig.class)),
                        null, List.of()))) {
            proxy.channel(1, "acestream://" + ID);
            List<Watcher> viewers = open(proxy, ACE_VIEWERS);
            wait(proxy, RUN.dividedBy(2));
            viewers.forEach(Watcher::close);
            proxy.await("engine stop after linger", Duration.ofSeconds(20), () -> engine.stops(ID) == 1);
            return row("AceStream (fake engine) -> TS viewers", viewers, engine.sessions(ID).size(),
                    "n/a (" + engine.getstreamRequests() + " getstream, " + engine.stops(ID) + " stop)", cpu0);
        } finally {
            ProxyHarness.join(engineVertx.close());
        }
    }

    private static List<Watcher> open(ProxyHarness proxy, int n) {
        List<Watcher> viewers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            viewers.add(proxy.open(1, 0));
        }
        return viewers;
    }

    private static void wait(ProxyHarness proxy, Duration d) {
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

    /**
     * CPU time of the Vert.x event-loop threads (proxy, origin and players alike): the process
     * figure also holds the JIT compiler's, large in the first scenario of a fresh JVM.
     */
    private static long eventLoopCpu() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("vert.x-eventloop")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

}
