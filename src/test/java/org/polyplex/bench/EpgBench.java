package org.polyplex.bench;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * EPG benchmark client, run by {@code bench/epg/run.sh} against the packaged app on loopback:
 * imports the synthetic guide (plain, then gzip while wrk's 50 connections query short EPGs), streams the
 * full {@code xmltv.php}, and prints a table. Benchmark tooling, not a test.
 *
 * <p>
 * Usage: {@code EpgBench <base-url> <admin-password> <guide.xml path as the app sees it> <channels> <app GC log>}
 */
public final class EpgBench {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    private static final int CLIENTS = 50;
    /** Seconds of short-EPG load during the gzip import (which takes longer). */
    private static final int WRK_SECONDS = 20;
    /** Seconds of paced short-EPG load during the second gzip import. */
    private static final int PACED_SECONDS = 15;
    /** Think time of each paced client between an answer and its next request. */
    private static final int THINK_MS = Integer.getInteger("bench.think-ms", 10);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private String token;

    private EpgBench(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        EpgBench bench = new EpgBench(args[0]);
        bench.run(args[1], args[2], Integer.parseInt(args[3]), Path.of(args[4]));
    }

    private void run(String adminPassword, String guide, int channelCount, Path gcLog) throws Exception {
        token = match(ID_TOKEN, send("POST", "/api/auth/token",
                "{\"username\":\"admin\",\"password\":\"" + adminPassword + "\"}", false));
        long t0 = System.nanoTime();
        List<Long> channels = createChannels(channelCount);
        log("created %d channels in %d s", channels.size(), (System.nanoTime() - t0) / 1_000_000_000);
        send("POST", "/api/users", "{\"username\":\"bench\",\"password\":\"bench-pass\"}", true);
        long source = Long.parseLong(match(ID, send("POST", "/api/epg-sources",
                "{\"url\":\"" + guide + "\",\"intervalMinutes\":10080}", true)));

        GcLog gc = new GcLog(gcLog);
        Run plain = importNow(source);
        GcLog.Phase plainGc = gc.next();
        log("plain import: %s", plain);

        double[] xmltv = xmltv();
        double[] xmltvGzip = xmltvGzip();

        // Short EPG with no import running, then during the gzip import: wrk, 50 connections.
        // JIT warm-up of the short-EPG path (results discarded), as a long-running server is.
        Path script = wrkScript(channels, 0);
        Path paced = wrkScript(channels, THINK_MS);
        Wrk warmUp = wrk(script, 15);
        log("warm-up: %,d requests", warmUp.requests);
        Wrk idle = wrk(script, 10);
        Wrk pacedIdle = wrk(paced, 10);

        GcLog.Phase betweenGc = gc.next();
        send("PUT", "/api/epg-sources/" + source, "{\"url\":\"" + guide + ".gz\",\"intervalMinutes\":10080}", true);
        CompletableFuture<Wrk> loaded = CompletableFuture.supplyAsync(() -> wrk(script, WRK_SECONDS));
        Run gzip = importNow(source);
        Wrk during = loaded.join();
        GcLog.Phase gzipGc = gc.next();
        // The same import again (a new generation), with clients that think between requests.
        CompletableFuture<Wrk> pacedLoad = CompletableFuture.supplyAsync(() -> wrk(paced, PACED_SECONDS));
        Run gzipPaced = importNow(source);
        Wrk pacedDuring = pacedLoad.join();
        GcLog.Phase pacedGc = gc.next();

        System.out.println();
        System.out.println("| Metric | Result | Target |");
        System.out.println("|---|---|---|");
        row("Programmes imported (plain XML, %d MB)", plain.bytes >> 20, "%,d", plain.programmes, "~1,000,000");
        row("Import time, plain XML", 0, "%.1f s", plain.seconds, "< 60 s");
        row("Import rate, plain XML", 0, "%,.0f programmes/s", plain.programmes / plain.seconds, "");
        row("Peak heap during plain import (-Xmx512m)", 0, "%d MB", plainGc.peakMb(), "must succeed");
        row("Import time, gzip (%d MB) with 50 short-EPG clients", gzip.bytes >> 20, "%.1f s", gzip.seconds, "< 60 s");
        row("Import rate, gzip", 0, "%,.0f programmes/s", gzip.programmes / gzip.seconds, "");
        row("Peak heap during gzip import", 0, "%d MB", gzipGc.peakMb(), "must succeed");
        row("Peak heap during xmltv.php and the idle short EPG", 0, "%d MB", betweenGc.peakMb(), "");
        row("xmltv.php full guide (%d MB), identity", (long) xmltv[0] >> 20, "%.0f MB/s", xmltv[1], "> 50 MB/s");
        row("xmltv.php full guide, gzip (%d MB on the wire)", (long) xmltvGzip[0] >> 20, "%.0f MB/s of XML",
                xmltvGzip[1], "");
        row("Short EPG during import (first %d s of it): requests", WRK_SECONDS, "%s",
                String.format("%,d (%,.0f/s), bad answers %d", during.requests, during.requests / (double) WRK_SECONDS,
                        during.bad),
                gzip.seconds > WRK_SECONDS ? "import ran throughout" : "IMPORT ENDED FIRST");
        row("Short EPG during import: p50 / p99", 0, "%s", during.p50 + " / " + during.p99, "p99 < 20 ms");
        row("GC during that import", 0, "%s", gzipGc.pausesText(), "");
        row("Short EPG, no import: p50 / p99 (%d requests)", idle.requests, "%s", idle.p50 + " / " + idle.p99, "");
        row("Paced short EPG (%d ms think time) during import: requests", THINK_MS, "%s",
                String.format("%,d (%,.0f/s), bad answers %d", pacedDuring.requests,
                        pacedDuring.requests / (double) PACED_SECONDS, pacedDuring.bad),
                gzipPaced.seconds > PACED_SECONDS ? "import ran throughout (" + gzipPaced.seconds + " s)"
                        : "IMPORT ENDED FIRST");
        row("Paced short EPG during import: p50 / p99", 0, "%s", pacedDuring.p50 + " / " + pacedDuring.p99,
                "p99 < 20 ms");
        row("GC during that import", 0, "%s", pacedGc.pausesText(), "");
        row("Paced short EPG, no import: requests/s, p50 / p99", 0, "%s", String.format("%,.0f/s, %s / %s",
                pacedIdle.requests / 10.0, pacedIdle.p50, pacedIdle.p99), "");
    }

    private static final Pattern ID_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private static void row(String label, long arg, String format, Object value, String target) {
        System.out.println("| " + String.format(label, arg) + " | " + String.format(format, value) + " | " + target + " |");
    }

    private record Wrk(long requests, long bad, String p50, String p99) {
    }

    /**
     * A wrk script: each request asks the short EPG of a random channel as apps do (the Xtream
     * action, authenticated by the in-memory credential memo) and counts answers that are not a
     * 200 with listings. With a think time, each connection waits that long after an answer before
     * its next request (wrk's {@code delay()}), as a client does; without, it asks again at once.
     */
    private static Path wrkScript(List<Long> channels, int thinkMs) throws IOException {
        StringBuilder ids = new StringBuilder();
        for (long id : channels) {
            ids.append(id).append(',');
        }
        Path script = Files.createTempFile("short-epg", ".lua");
        Files.writeString(script, """
                local ids = {%s}
                local threads = {}
                function setup(thread) table.insert(threads, thread) end
                function init(args) bad = 0 end
                %s
                function request()
                  return wrk.format("GET", "/player_api.php?username=bench&password=bench-pass"
                    .. "&action=get_short_epg&limit=4&stream_id=" .. ids[math.random(#ids)])
                end
                function response(status, headers, body)
                  if status ~= 200 or not string.find(body, "now_playing", 1, true) then bad = bad + 1 end
                end
                function done(summary, latency, requests)
                  local b = 0
                  for _, t in ipairs(threads) do b = b + t:get("bad") end
                  io.write(string.format("BENCH %%d %%d %%.1f %%.1f\\n", summary.requests,
                    b + summary.errors.connect + summary.errors.read + summary.errors.write
                      + summary.errors.timeout,
                    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
                end
                """.formatted(ids, thinkMs > 0 ? "function delay() return " + thinkMs + " end" : ""));
        return script;
    }

    /** Runs wrk (2 threads, 50 connections) for the given seconds against the short EPG. */
    private Wrk wrk(Path script, int seconds) {
        try {
            Process p = new ProcessBuilder("wrk", "-t2", "-c" + CLIENTS, "-d" + seconds + "s", "--timeout", "10s",
                    "-s", script.toString(), base).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            Matcher m = Pattern.compile("BENCH (\\d+) (\\d+) (\\S+) (\\S+)").matcher(out);
            if (!m.find()) {
                throw new IllegalStateException("wrk failed: " + out);
            }
            return new Wrk(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), m.group(3) + " ms",
                    m.group(4) + " ms");
        } catch (IOException e) {
            throw new IllegalStateException("wrk is needed (apt-get install wrk)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<Long> createChannels(int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Long>> ids = new ArrayList<>();
        for (int c = 1; c <= count; c++) {
            int n = c;
            ids.add(pool.submit(() -> Long.parseLong(match(ID, send("POST", "/api/channels",
                    "{\"name\":\"Bench Channel " + n + "\",\"epgId\":\"ch" + n + ".bench\"}", true)))));
        }
        List<Long> out = new ArrayList<>();
        for (Future<Long> f : ids) {
            out.add(f.get());
        }
        pool.shutdown();
        return out;
    }

    /**
     * Runs a source and waits for the run to end (the API answers 202 for runs over 30 s). A 409
     * means the previous run still deletes the generation it replaced: ask again.
     */
    private Run importNow(long source) throws Exception {
        String run = null;
        for (int tries = 0; run == null; tries++) {
            try {
                run = send("POST", "/api/epg-sources/" + source + "/run", "", true);
            } catch (IllegalStateException e) {
                if (!e.getMessage().contains("-> 409") || tries > 1500) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
        long runId = Long.parseLong(match(ID, run));
        while (run.contains("\"running\"")) {
            Thread.sleep(500);
            run = send("GET", "/api/epg-sources/" + source + "/runs?size=1", null, true);
            if (Long.parseLong(match(ID, run)) != runId) {
                throw new IllegalStateException("unexpected run " + run);
            }
        }
        if (!run.contains("\"success\"") && !run.contains("\"warning\"")) {
            throw new IllegalStateException("import failed: " + run);
        }
        Instant started = Instant.parse(match(Pattern.compile("\"startedAt\"\\s*:\\s*\"([^\"]+)\""), run));
        Instant finished = Instant.parse(match(Pattern.compile("\"finishedAt\"\\s*:\\s*\"([^\"]+)\""), run));
        return new Run(Duration.between(started, finished).toMillis() / 1000.0,
                Long.parseLong(match(Pattern.compile("\"programmes\"\\s*:\\s*(\\d+)"), run)),
                Long.parseLong(match(Pattern.compile("\"bytesRead\"\\s*:\\s*(\\d+)"), run)));
    }

    private record Run(double seconds, long programmes, long bytes) {
    }

    /** Bytes of the full guide and MB/s, best of two. */
    private double[] xmltv() throws Exception {
        double best = 0;
        long bytes = 0;
        for (int i = 0; i < 2; i++) {
            long start = System.nanoTime();
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(base
                    + "/xmltv.php?username=bench&password=bench-pass&past_days=1&future_days=14")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            bytes = drain(r.body());
            double seconds = (System.nanoTime() - start) / 1e9;
            best = Math.max(best, bytes / 1048576.0 / seconds);
            log("xmltv.php: %d MB in %.1f s", bytes >> 20, seconds);
        }
        return new double[] { bytes, best };
    }

    private double[] xmltvGzip() throws Exception {
        long start = System.nanoTime();
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(base
                + "/xmltv.php?username=bench&password=bench-pass&past_days=1&future_days=14"))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofInputStream());
        long wire;
        long xml;
        try (CountingStream counting = new CountingStream(r.body());
                InputStream inflated = new GZIPInputStream(counting, 1 << 16)) {
            xml = drain(inflated);
            wire = counting.count;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new double[] { wire, xml / 1048576.0 / seconds };
    }

    private static long drain(InputStream in) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        try (in) {
            for (int n; (n = in.read(buffer)) > 0;) {
                total += n;
            }
        }
        return total;
    }

    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
    }

    private String send(String method, String path, String body, boolean auth) throws IOException, InterruptedException {
        HttpRequest.Builder b = auth ? request(path)
                : HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private static String match(Pattern p, String s) {
        Matcher m = p.matcher(s);
        if (!m.find()) {
            throw new IllegalStateException(p + " not in " + s);
        }
        return m.group(1);
    }

    private static void log(String format, Object... args) {
        System.out.printf("[bench] " + format + "%n", args);
    }
}
