package org.polyplex.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.polyplex.proxy.ts.TsPacket;
import org.polyplex.testsupport.TsFixtures;
import org.polyplex.testsupport.TsServer;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The proxy benchmark of issue 4 (see bench/proxy/README.md): fan-out, raw throughput against
 * nginx, join latency, failover time, memory per viewer. Loopback only; durations scaled by the
 * {@code bench.seconds} system property (default 20).
 */
public final class ProxyBench {

    private static final long RATE = 4_000_000;
    private static final int SECONDS = Integer.getInteger("bench.seconds", 20);
    private static final List<Integer> FAN_OUT = List.of(100, 500, 1000);
    private static final int RAW_N = 500;
    private static final HttpClient STATS = HttpClient.newHttpClient();
    private static final List<String> rows = new ArrayList<>();

    private ProxyBench() {
    }

    public static void main(String[] args) throws Exception {
        byte[] video = TsFixtures.read(TsFixtures.h264(10, 3700));
        byte[] backup = TsFixtures.read(TsFixtures.h264Variant(10, 3700, "0x1100"));
        Vertx vertx = Vertx.vertx();
        TsServer paced = new TsServer(vertx, RATE).stream("a", video).stream("x", video).stream("b", backup).start();
        TsServer fast = new TsServer(vertx, 0).stream("a", video).start();
        Process proxy = startProxy();
        int port = readPort(proxy);
        try (LoadClient load = new LoadClient()) {
            long[] rss = new long[2];
            long[] heap = new long[2];
            boolean joinOnly = "join".equals(System.getProperty("bench.only"));
            for (int n : joinOnly ? List.<Integer> of() : FAN_OUT) {
                fanOut(load, port, proxy, n, paced.url("/live/a"), n == 100 ? 0 : n == 1000 ? 1 : -1, rss, heap);
            }
            if (joinOnly) {
                join(load, port, paced.url("/live/a"));
                return;
            }
            raw(load, port, fast.url("/live/a"), video);
            join(load, port, paced.url("/live/a"));
            failover(load, port, paced, proxy);
            double perViewerRss = (rss[1] - rss[0]) / 900.0 / 1024;
            double perViewerHeap = (heap[1] - heap[0]) / 900.0 / 1024;
            row("5 memory", "RSS slope 100->1000 viewers", "%.1f KiB/viewer (heap after GC: %.1f KiB/viewer)"
                    .formatted(perViewerRss, perViewerHeap), "< 100 KiB");
        } finally {
            proxy.destroy();
            vertx.close();
        }
        System.out.println();
        System.out.println("| scenario | measure | result | target |");
        System.out.println("|---|---|---|---|");
        rows.forEach(System.out::println);
        System.exit(0);
    }

    private static void fanOut(LoadClient load, int port, Process proxy, int n, String source, int memorySlot,
            long[] rss, long[] heap) {
        String path = "/c/" + n + "?s=" + enc(source);
        List<LoadClient.Viewer> viewers = load.open(port, path, n, 0);
        await(Duration.ofSeconds(30), () -> viewers.stream().allMatch(v -> v.bytes > 0));
        pause(Duration.ofSeconds(2));
        JsonObject before = stats(port);
        long cpu0 = cpuTicks(proxy);
        long[] start = viewers.stream().mapToLong(v -> v.bytes).toArray();
        long t0 = System.nanoTime();
        pause(Duration.ofSeconds(SECONDS));
        double secs = (System.nanoTime() - t0) / 1e9;
        long cpu1 = cpuTicks(proxy);
        double[] mbps = new double[n];
        for (int i = 0; i < n; i++) {
            mbps[i] = (viewers.get(i).bytes - start[i]) * 8 / secs / 1e6;
        }
        long rssNow = rss(proxy);
        JsonObject after = stats(port);
        Arrays.sort(mbps);
        double p50 = mbps[n / 2];
        long behind = Arrays.stream(mbps).filter(m -> m < 0.9 * p50).count();
        double skips = after.getDouble("skips") - before.getDouble("skips");
        double evictions = after.getDouble("evictions") - before.getDouble("evictions");
        row("1 fan-out N=" + n, "upstreams opened / goodput min, p50 / behind (skips, evictions)",
                "%.0f / %.2f, %.2f Mbit/s / %d (%.0f, %.0f)".formatted(after.getDouble("upstreams")
                        - before.getDouble("upstreams") + 1, mbps[0], p50, behind, skips, evictions),
                "1 upstream");
        row("1 fan-out N=" + n, "proxy CPU / RSS", "%.1f CPU-s in %.0f s / %d MiB".formatted((cpu1 - cpu0) / 100.0, secs,
                rssNow / 1024 / 1024), "");
        if (memorySlot >= 0) {
            rss[memorySlot] = rssNow;
            heap[memorySlot] = after.getLong("heapUsed");
        }
        LoadClient.close(viewers);
        await(Duration.ofSeconds(30), () -> stats(port).getInteger("viewers") == 0);
    }

    private static void raw(LoadClient load, int port, String source, byte[] video) throws Exception {
        List<LoadClient.Viewer> viewers = load.open(port, "/c/2" + RAW_N + "?s=" + enc(source), RAW_N, 0);
        await(Duration.ofSeconds(30), () -> viewers.stream().allMatch(v -> v.bytes > 0));
        double polyplex = egress(viewers);
        LoadClient.close(viewers);
        await(Duration.ofSeconds(30), () -> stats(port).getInteger("viewers") == 0);

        Nginx nginx = Nginx.start(video);
        try {
            List<LoadClient.Viewer> files = new ArrayList<>();
            for (int i = 0; i < RAW_N; i++) {
                files.add(load.loop(nginx.port(), "/big.ts"));
            }
            await(Duration.ofSeconds(30), () -> files.stream().allMatch(v -> v.bytes > 0));
            double nginxGbps = egress(files);
            LoadClient.close(files);
            row("2 raw N=" + RAW_N, "egress Polyplex / nginx (ratio)", "%.2f / %.2f Gbit/s (%.2f)".formatted(polyplex,
                    nginxGbps, polyplex / nginxGbps), ">= 0.7");
        } finally {
            nginx.stop();
        }
    }

    private static double egress(List<LoadClient.Viewer> viewers) {
        long before = viewers.stream().mapToLong(v -> v.bytes).sum();
        long t0 = System.nanoTime();
        pause(Duration.ofSeconds(SECONDS));
        long after = viewers.stream().mapToLong(v -> v.bytes).sum();
        return (after - before) * 8 / ((System.nanoTime() - t0) / 1e9) / 1e9;
    }

    private static void join(LoadClient load, int port, String source) {
        String path = "/c/3000?s=" + enc(source);
        LoadClient.Viewer warm = load.open(port, path, 0);
        await(Duration.ofSeconds(30), () -> warm.bytes > 2_000_000);
        List<LoadClient.Viewer> joined = new ArrayList<>();
        for (int batch = 0; batch < 20; batch++) {
            List<LoadClient.Viewer> viewers = load.open(port, path, 10, 64 * 1024);
            await(Duration.ofSeconds(30), () -> viewers.stream().allMatch(v -> v.head.length() >= 64 * 1024));
            joined.addAll(viewers);
        }
        JoinFigures f = JoinFigures.of(joined);
        row("3 join (200 viewers)", "first byte p50 / p99", "%.1f / %.1f ms".formatted(f.firstByteP50(),
                f.firstByteP99()), "p99 < 50 ms");
        row("3 join (200 viewers)", "first keyframe byte p50 / p99; first video packet is a keyframe",
                "%.1f / %.1f ms; %d of %d".formatted(f.keyframeP50(), f.keyframeP99(), f.keyframeFirst(), f.viewers()),
                "all");
        joined.add(warm);
        LoadClient.close(joined);
        await(Duration.ofSeconds(30), () -> stats(port).getInteger("viewers") == 0);
    }

    private static void failover(LoadClient load, int port, TsServer paced, Process proxy) {
        String path = "/c/4000?s=" + enc(paced.url("/live/x")) + "," + enc(paced.url("/live/b"));
        List<LoadClient.Viewer> viewers = load.open(port, path, 100, 0);
        await(Duration.ofSeconds(30), () -> viewers.stream().allMatch(v -> v.bytes > 1_000_000));
        long[] seen = new long[viewers.size()];
        for (int i = 0; i < viewers.size(); i++) {
            int index = i;
            viewers.get(i).scanner = (packet, off) -> {
                if (seen[index] == 0 && TsPacket.pid(packet, off) == 0x1100) {
                    seen[index] = System.nanoTime();
                }
            };
        }
        long killed = System.nanoTime();
        paced.kill("x");
        await(Duration.ofSeconds(30), () -> Arrays.stream(seen).allMatch(t -> t != 0)
                || viewers.stream().anyMatch(v -> v.ended));
        double[] ms = Arrays.stream(seen).mapToDouble(t -> t == 0 ? Double.NaN : (t - killed) / 1e6).sorted()
                .toArray();
        long lost = viewers.stream().filter(v -> v.ended).count();
        row("4 failover (100 viewers)", "kill to backup bytes p50 / max; viewers lost",
                "%.0f / %.0f ms; %d".formatted(ms[50], ms[99], lost), "< 2 s, none lost");
        LoadClient.close(viewers);
    }

    private static void row(String scenario, String measure, String result, String target) {
        String line = "| " + scenario + " | " + measure + " | " + result + " | " + target + " |";
        rows.add(line);
        System.out.println(line);
    }

    /**
     * The proxy's own JVM. {@code bench.server.classpath} runs another build there (its classes and
     * libraries, and the {@link BenchServer} compiled with them; default: this JVM's class path);
     * {@code bench.server.options} adds JVM options, separated by spaces.
     */
    private static Process startProxy() throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g"));
        Arrays.stream(System.getProperty("bench.server.options", "").split(" ")).filter(o -> !o.isBlank())
                .forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("bench.server.classpath", System.getProperty("java.class.path")),
                BenchServer.class.getName()));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static int readPort(Process proxy) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(proxy.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("PORT ")) {
                return Integer.parseInt(line.substring(5).trim());
            }
        }
        throw new IllegalStateException("the proxy did not start");
    }

    private static JsonObject stats(int port) {
        try {
            return new JsonObject(STATS.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/stats"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long cpuTicks(Process process) {
        String[] f = read("/proc/" + process.pid() + "/stat").split("\\) ")[1].split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static long rss(Process process) {
        for (String line : read("/proc/" + process.pid() + "/status").split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String url) {
        return URLEncoder.encode(url, StandardCharsets.UTF_8);
    }

    /** A timed wait on a future; the benchmark measures over wall-clock windows. */
    static void pause(Duration duration) {
        CompletableFuture.runAsync(() -> {
        }, CompletableFuture.delayedExecutor(duration.toMillis(), TimeUnit.MILLISECONDS)).join();
    }

    static void await(Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("benchmark step timed out");
            }
            pause(Duration.ofMillis(20));
        }
    }
}
