package org.polyplex.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import org.polyplex.testsupport.TsFixtures;
import org.polyplex.testsupport.TsServer;

import io.vertx.core.Vertx;

/**
 * The fan-out as users run it (see bench/proxy/README.md, "Whole application"): each build given
 * as {@code label=/path/to/quarkus-app} runs as a packaged application started by
 * {@code bin/polyplex} with its defaults ({@code -Dbench.app.jvm.LABEL=...} replaces the
 * launcher's JVM options for that build; empty, the JVM's own defaults),
 * its viewers open real authenticated {@code /live} URLs from distinct loopback addresses, and
 * nginx serves the same bytes from a file in the same run, paced at the channel's bit rate or
 * unpaced. Prints one Markdown table: every build's figures next to nginx's.
 */
public final class AppFanOutBench {

    private static final long RATE = 4_000_000;
    private static final int SECONDS = Integer.getInteger("bench.seconds", 15);
    private static final List<Integer> PACED = List.of(500, 1000);
    private static final List<Integer> UNPACED = List.of(200, 500);
    private static final int JOINERS = 200;
    /** {@code bench.only=paced|unpaced|join} runs one kind of scenario (to profile it). */
    private static final String ONLY = System.getProperty("bench.only", "");

    private final Map<String, List<String>> table = new LinkedHashMap<>();
    /** nginx's figures, by viewer count: CPU seconds paced, egress unpaced. */
    private final Map<Integer, Double> cpu = new LinkedHashMap<>();
    private final Map<Integer, Double> egress = new LinkedHashMap<>();
    private final LoadClient load;
    private int nextAddress;

    private AppFanOutBench(LoadClient load) {
        this.load = load;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: AppFanOutBench label=/path/to/quarkus-app ...");
        }
        byte[] video = TsFixtures.read(TsFixtures.h264(10, 3700));
        Vertx vertx = Vertx.vertx();
        TsServer paced = new TsServer(vertx, RATE).stream("a", video).start();
        TsServer fast = new TsServer(vertx, 0).stream("a", video).start();
        List<String> labels = new ArrayList<>();
        try (LoadClient load = new LoadClient()) {
            AppFanOutBench bench = new AppFanOutBench(load);
            bench.nginx(video);
            for (String arg : args) {
                String label = arg.substring(0, arg.indexOf('='));
                labels.add(label);
                bench.application(label, Path.of(arg.substring(arg.indexOf('=') + 1)), paced.url("/live/a"),
                        fast.url("/live/a"));
            }
            bench.print(labels);
        } finally {
            vertx.close();
        }
        System.exit(0);
    }

    /** The reference rows: nginx serving the fixture from a file, at its bit rate and unpaced. */
    private void nginx(byte[] video) throws Exception {
        Nginx limited = Nginx.start(video, RATE / 8);
        try {
            for (int n : runs("paced", PACED)) {
                Window w = window(n, i -> load.loop(limited.port(), "/big.ts"), limited::cpuTicks);
                put(goodputRow(n), "nginx", w.goodput());
                put(cpuRow(n), "nginx", w.cpu());
                cpu.put(n, w.cpuSeconds());
            }
        } finally {
            limited.stop();
        }
        Nginx open = Nginx.start(video, 0);
        try {
            for (int n : runs("unpaced", UNPACED)) {
                Window w = window(n, i -> load.loop(open.port(), "/big.ts"), open::cpuTicks);
                put(egressRow(n), "nginx", "%.2f".formatted(w.gbps()));
                put(fairnessRow(n), "nginx", "%.2f".formatted(w.fairness()));
                egress.put(n, w.gbps());
            }
        } finally {
            open.stop();
        }
    }

    private void application(String label, Path app, String pacedSource, String fastSource) throws Exception {
        List<String> options = Arrays.stream(System.getProperty("bench.app.options", "").split(" "))
                .filter(o -> !o.isBlank()).toList();
        Optional<String> launcher = Optional.ofNullable(System.getProperty("bench.app.jvm." + label));
        try (AppUnderTest polyplex = AppUnderTest.start(app, launcher, options)) {
            polyplex.createLine(1000);
            String pacedPath = AppUnderTest.livePath(polyplex.createChannel("paced", pacedSource));
            String fastPath = AppUnderTest.livePath(polyplex.createChannel("unpaced", fastSource));
            long peakRss = 0;
            for (int n : runs("paced", PACED)) {
                Window w = window(n, i -> load.openFrom(address(), polyplex.port(), pacedPath, 0),
                        () -> ProcessCpu.split(polyplex.process()));
                peakRss = Math.max(peakRss, ProcessCpu.rss(polyplex.process()));
                put(goodputRow(n), label, w.goodput());
                put(cpuRow(n), label, w.cpu());
                put("paced " + n + ": nginx/Polyplex CPU (target >= 0.67)", label, "%.2f".formatted(cpu.get(n)
                        / w.cpuSeconds()));
                gone(polyplex);
            }
            for (int n : runs("unpaced", UNPACED)) {
                Window w = window(n, i -> load.openFrom(address(), polyplex.port(), fastPath, 0),
                        () -> ProcessCpu.split(polyplex.process()));
                peakRss = Math.max(peakRss, ProcessCpu.rss(polyplex.process()));
                put(egressRow(n), label, "%.2f (this/nginx %.2f)".formatted(w.gbps(),
                        w.gbps() / egress.get(n)));
                put(fairnessRow(n), label, "%.2f".formatted(w.fairness()));
                gone(polyplex);
            }
            if (!runs("join", List.of(JOINERS)).isEmpty()) {
                JoinFigures join = join(polyplex, pacedPath);
                put("join " + JOINERS + " (10 ms apart): first byte p50 / p99 ms (target p99 < 50)", label,
                        "%.1f / %.1f".formatted(join.firstByteP50(), join.firstByteP99()));
                put("join " + JOINERS + ": started on a keyframe (target all)", label, join.keyframeFirst() + " of "
                        + join.viewers());
            }
            put("RSS after these runs / peak during them, MiB (target < 1024 at 1000 viewers)", label, "%d / %d".formatted(
                    ProcessCpu.rss(polyplex.process()) >> 20, Math.max(peakRss, ProcessCpu.rss(polyplex.process())) >> 20));
        }
    }

    private static String goodputRow(int n) {
        return "paced " + n + ": per-viewer goodput min / p50 (Mbit/s)";
    }

    private static String cpuRow(int n) {
        return "paced " + n + ": CPU-s in the window";
    }

    private static String egressRow(int n) {
        return "unpaced " + n + ": aggregate egress Gbit/s (Polyplex/nginx, target >= 0.8)";
    }

    private static String fairnessRow(int n) {
        return "unpaced " + n + ": slowest / median viewer (target >= 0.5)";
    }

    private static List<Integer> runs(String kind, List<Integer> counts) {
        return ONLY.isEmpty() || ONLY.equals(kind) ? counts : List.of();
    }

    /** N viewers, a warm-up, then one window: their goodput and the server's CPU time in it. */
    private Window window(int n, IntFunction<LoadClient.Viewer> open, Supplier<long[]> ticks) {
        List<LoadClient.Viewer> viewers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            viewers.add(open.apply(i));
        }
        ProxyBench.await(Duration.ofSeconds(60), () -> viewers.stream().allMatch(v -> v.bytes > 0 || v.ended));
        long refused = viewers.stream().filter(v -> v.ended).count();
        if (refused > 0) {
            throw new IllegalStateException(refused + " of " + n + " viewers ended before the window (status "
                    + viewers.stream().filter(v -> v.ended).findFirst().map(v -> v.status).orElse(0) + ")");
        }
        ProxyBench.pause(Duration.ofSeconds(2));
        long[] start = viewers.stream().mapToLong(v -> v.bytes).toArray();
        long[] cpu0 = ticks.get();
        long t0 = System.nanoTime();
        ProxyBench.pause(Duration.ofSeconds(SECONDS));
        long[] cpu1 = ticks.get();
        double secs = (System.nanoTime() - t0) / 1e9;
        double[] mbps = new double[n];
        for (int i = 0; i < n; i++) {
            mbps[i] = (viewers.get(i).bytes - start[i]) * 8 / secs / 1e6;
        }
        LoadClient.close(viewers);
        Arrays.sort(mbps);
        return new Window(mbps, (cpu1[0] - cpu0[0]) / 100.0, (cpu1[1] - cpu0[1]) / 100.0);
    }

    private JoinFigures join(AppUnderTest polyplex, String path) {
        LoadClient.Viewer warm = load.openFrom(address(), polyplex.port(), path, 0);
        ProxyBench.await(Duration.ofSeconds(30), () -> warm.bytes > 2_000_000);
        List<LoadClient.Viewer> joined = new ArrayList<>();
        for (int i = 0; i < JOINERS; i++) {
            joined.add(load.openFrom(address(), polyplex.port(), path, 64 * 1024));
            ProxyBench.pause(Duration.ofMillis(10));
        }
        ProxyBench.await(Duration.ofSeconds(30), () -> joined.stream().allMatch(v -> v.head.length() >= 64 * 1024));
        JoinFigures figures = JoinFigures.of(joined);
        joined.add(warm);
        LoadClient.close(joined);
        gone(polyplex);
        return figures;
    }

    /** Waits until the application has let every viewer go (their connection slots are free). */
    private static void gone(AppUnderTest polyplex) {
        ProxyBench.await(Duration.ofSeconds(60), () -> polyplex.viewers() == 0);
    }

    /** A loopback address no viewer of this run had: 127.1.x.y. */
    private String address() {
        int n = nextAddress++;
        return "127.1." + (n / 250) + "." + (1 + n % 250);
    }

    private void put(String measure, String column, String value) {
        table.computeIfAbsent(measure, m -> new ArrayList<>()).add(column + "\u0000" + value);
        System.out.println(column + ": " + measure + " = " + value);
    }

    private void print(List<String> labels) {
        List<String> columns = new ArrayList<>(labels);
        columns.add("nginx");
        System.out.println();
        System.out.println("| measure | " + String.join(" | ", columns) + " |");
        System.out.println("|---" + "|---".repeat(columns.size()) + "|");
        table.forEach((measure, cells) -> {
            StringBuilder line = new StringBuilder("| " + measure + " |");
            for (String column : columns) {
                String value = cells.stream().filter(c -> c.startsWith(column + "\u0000")).findFirst()
                        .map(c -> c.substring(column.length() + 1)).orElse("");
                line.append(' ').append(value).append(" |");
            }
            System.out.println(line);
        });
    }

    /** One window's per-viewer goodput (sorted, Mbit/s) and the server's CPU seconds in it. */
    private record Window(double[] mbps, double userSeconds, double systemSeconds) {

        double cpuSeconds() {
            return userSeconds + systemSeconds;
        }

        /** Both, and how they split. */
        String cpu() {
            return "%.2f (user %.2f, system %.2f)".formatted(cpuSeconds(), userSeconds, systemSeconds);
        }

        String goodput() {
            return "%.2f / %.2f".formatted(mbps[0], mbps[mbps.length / 2]);
        }

        double gbps() {
            return Arrays.stream(mbps).sum() / 1000;
        }

        double fairness() {
            return mbps[0] / mbps[mbps.length / 2];
        }
    }
}
