package org.polyplex.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.polyplex.testsupport.TsFixtures;
import org.polyplex.testsupport.TsServer;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Probes the packaged application as an abusive subscriber would, with one honest TS viewer
 * watching throughout: (1) a storm of concurrent {@code get_live_streams} from many loopback
 * addresses, (2) password guessing on the stream paths, (3) viewers that stop reading (ghosts).
 * Prints a Markdown table. Arguments: base URL, admin token, app pid, list requests.
 */
public final class AbuseBench {

    private static final long RATE = 4_000_000;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> rows = new ArrayList<>();

    private AbuseBench() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        long pid = Long.parseLong(args[2]);
        int storm = Integer.parseInt(args[3]);
        Vertx vertx = Vertx.vertx();
        try (TsServer upstream = new TsServer(vertx, RATE)) {
            upstream.stream("ch", TsFixtures.read(TsFixtures.h264(20, 3500))).start();
            long channel = createChannel(base, token, upstream.url("/live/ch"));
            String stream = base + "/live/bench/bench-pass/" + channel + ".ts";
            Watcher honest = Watcher.start(stream, "127.0.0.2");
            honest.awaitBytes(2_000_000, 20);
            storm(vertx, base, storm, 1, honest);
            storm(vertx, base, storm, 50, honest);
            guessing(base, channel, honest);
            ghosts(base, channel, pid, honest);
            honest.stop();
        } finally {
            vertx.close();
        }
        System.out.println();
        System.out.println("| Probe | Measure | Result |");
        System.out.println("|---|---|---|");
        rows.forEach(System.out::println);
    }

    /** Item 1: many concurrent large list answers while a viewer watches. */
    private static void storm(Vertx vertx, String base, int n, int lines, Watcher honest) throws Exception {
        Map<String, AtomicInteger> statuses = new TreeMap<>();
        AtomicLong bodyBytes = new AtomicLong();
        AtomicInteger truncated = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(n);
        URI uri = URI.create(base);
        var clients = new ArrayList<io.vertx.core.http.HttpClient>();
        for (int a = 0; a < 50; a++) {
            clients.add(vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(n / 50 + 1)
                    .setLocalAddress("127.0.1." + (a + 1)).setConnectTimeout(10_000).setIdleTimeout(120)));
        }
        honest.mark();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            io.vertx.core.http.HttpClient client = clients.get(i % clients.size());
            client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(uri.getHost()).setPort(uri.getPort())
                    .setURI("/player_api.php?username=" + (lines == 1 ? "bench" : "bench-l" + (i % lines + 1))
                            + "&password=bench-pass&action=get_live_streams"))
                    .compose(req -> req.send().compose(res -> res.body().map(body -> {
                        count(statuses, String.valueOf(res.statusCode()));
                        bodyBytes.addAndGet(body.length());
                        if (res.statusCode() == 200 && !endsWithArray(body)) {
                            truncated.incrementAndGet();
                        }
                        return body;
                    })))
                    .onComplete(ar -> {
                        if (ar.failed()) {
                            count(statuses, "error");
                        }
                        done.countDown();
                    });
        }
        boolean finished = done.await(180, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        row("storm: " + n + " concurrent get_live_streams, " + lines + (lines == 1 ? " line" : " lines")
                + ", 50 addresses", "answers by status",
                statuses.toString() + (finished ? "" : " (unfinished after 180 s)"));
        row("", "wall time, body MiB, truncated 200s", String.format("%.1f s, %.0f MiB, %d", seconds,
                bodyBytes.get() / 1048576.0, truncated.get()));
        row("", "honest TS viewer: rate, longest gap between reads", honest.since());
        clients.forEach(io.vertx.core.http.HttpClient::close);
    }

    /** Item 2: wrong passwords on the stream path, then the right one, from one address. */
    private static void guessing(String base, long channel, Watcher honest) throws Exception {
        Map<String, AtomicInteger> statuses = new TreeMap<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int tries = 0;
        while (System.nanoTime() < end && tries < 2000) {
            count(statuses, String.valueOf(status(base + "/live/bench/guess" + tries + "/" + channel + ".ts")));
            tries++;
        }
        int right = status(base + "/live/bench/bench-pass/" + channel + ".ts");
        row("guessing: wrong passwords on /live/u/p/ID.ts for 10 s, one address", "answers by status",
                statuses + " in " + tries + " tries");
        row("", "then the right password from that address", String.valueOf(right));
    }

    /** Item 7: viewers that stop reading; their sockets must be closed once evicted. */
    private static void ghosts(String base, long channel, long pid, Watcher honest) throws Exception {
        URI uri = URI.create(base);
        int before = fds(pid);
        List<Socket> ghosts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Socket s = new Socket();
            s.setReceiveBufferSize(4096);
            s.bind(new InetSocketAddress("127.0.2." + (i + 1), 0));
            s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
            s.getOutputStream().write(("GET /live/bench/bench-pass/" + channel + ".ts HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            ghosts.add(s);
        }
        int during = fds(pid);
        long start = System.nanoTime();
        int after = during;
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(90)) {
            Thread.sleep(1000);
            after = fds(pid);
            if (after <= before + 2) {
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        row("ghosts: 40 viewers that never read", "app descriptors before / with ghosts / after",
                before + " / " + during + " / " + after + String.format(" (%.0f s)", seconds));
        row("", "honest TS viewer over the whole run: rate, longest gap", honest.total());
        for (Socket s : ghosts) {
            s.close();
        }
    }

    /** The status of a HEAD request, or -1 when no answer came within 10 s. */
    private static int status(String url) throws Exception {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.net.http.HttpTimeoutException e) {
            return -1;
        }
    }

    private static long createChannel(String base, String token, String source) throws Exception {
        String body = "{\"name\":\"abuse bench\",\"number\":999999,\"sources\":[{\"url\":\"" + source + "\"}]}";
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/channels"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(res.body());
        if (res.statusCode() != 201 || !m.find()) {
            throw new IllegalStateException("channel not created: " + res.statusCode() + " " + res.body());
        }
        return Long.parseLong(m.group(1));
    }

    private static boolean endsWithArray(Buffer body) {
        return body.length() > 0 && body.getByte(body.length() - 1) == ']';
    }

    private static int fds(long pid) throws IOException {
        try (var list = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return (int) list.count();
        }
    }

    private static void count(Map<String, AtomicInteger> statuses, String key) {
        synchronized (statuses) {
            statuses.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    private static void row(String probe, String measure, String result) {
        rows.add("| " + probe + " | " + measure + " | " + result + " |");
        System.err.println(probe + " " + measure + ": " + result);
    }

    /**
     * The honest viewer: {@code bench/abuse/watch.py} in its own process (so that this JVM's pauses
     * never count as the server's), whose lines "bytes gap_ms" this reads and sums.
     */
    private static final class Watcher implements Runnable {
        private final Process process;
        private final AtomicLong bytes = new AtomicLong();
        private final Map<String, Long> marks = new ConcurrentHashMap<>();
        private volatile long maxGapNanos;
        private volatile long windowGapNanos;
        private final long started = System.nanoTime();

        private Watcher(Process process) {
            this.process = process;
        }

        static Watcher start(String url, String local) throws IOException {
            URI uri = URI.create(url);
            Process p = new ProcessBuilder("python3", "bench/abuse/watch.py", uri.getHost(), String.valueOf(uri.getPort()),
                    uri.getPath(), local).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Watcher w = new Watcher(p);
            Thread t = new Thread(w, "honest-viewer");
            t.setDaemon(true);
            t.start();
            return w;
        }

        @Override
        public void run() {
            try (var lines = new java.io.BufferedReader(
                    new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    String[] parts = line.split(" ");
                    long gap = (long) (Double.parseDouble(parts[1]) * 1e6);
                    maxGapNanos = Math.max(maxGapNanos, gap);
                    windowGapNanos = Math.max(windowGapNanos, gap);
                    bytes.addAndGet(Long.parseLong(parts[0]));
                }
            } catch (IOException e) {
                System.err.println("honest viewer ended: " + e);
            }
        }

        void awaitBytes(long n, int seconds) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (bytes.get() < n && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            if (bytes.get() < n) {
                throw new IllegalStateException("the honest viewer got only " + bytes.get() + " bytes");
            }
        }

        void mark() {
            marks.put("bytes", bytes.get());
            marks.put("time", System.nanoTime());
            windowGapNanos = 0;
        }

        String since() {
            return describe(bytes.get() - marks.get("bytes"), System.nanoTime() - marks.get("time"), windowGapNanos);
        }

        String total() {
            return describe(bytes.get(), System.nanoTime() - started, maxGapNanos);
        }

        private static String describe(long bytes, long nanos, long gap) {
            return String.format("%.2f Mbit/s, %.0f ms", bytes * 8 / (nanos / 1e9) / 1e6, gap / 1e6);
        }

        void stop() {
            process.destroy();
        }
    }
}
