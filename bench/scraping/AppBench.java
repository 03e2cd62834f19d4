import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The scraping benchmark against a packaged application, through its admin API only (JDK
 * classes only, so one client measures any build): serves the same 100,000-entry M3U and Xtream
 * account fake (50,000 live, 50,000 VOD, 5,000 series) as {@code ScrapingBench} from a loopback
 * server in this process, and imports each twice with {@code POST /api/scraper-sources/{id}/run},
 * which runs the import and answers the finished run. Time is that request's wall time; heap
 * figures come from {@code jstat} on the app (a GC first, as the in-process bench does).
 * Usage: {@code java bench/scraping/AppBench.java <base-url> <admin-password> <app-pid> <table.md>}
 */
public final class AppBench {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String base;
    private static String token;
    private static long pid;
    private static final List<String> rows = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        base = args[0];
        pid = Long.parseLong(args[2]);
        token = field(send("POST", "/api/auth/token", "{\"username\":\"admin\",\"password\":\"" + args[1] + "\"}"),
                "access_token");
        HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.setExecutor(Executors.newFixedThreadPool(4));
        byte[] m3u = m3u(100_000);
        stub.createContext("/bench.m3u", ex -> answer(ex, "audio/x-mpegurl", m3u));
        Map<String, byte[]> xtream = xtream();
        stub.createContext("/xt/player_api.php", ex -> {
            Matcher action = Pattern.compile("(?:^|&)action=([^&]*)").matcher(String.valueOf(ex.getRequestURI().getQuery()));
            answer(ex, "application/json", xtream.get(action.find() ? action.group(1) : ""));
        });
        stub.start();
        String stubUrl = "http://127.0.0.1:" + stub.getAddress().getPort();
        try {
            long m3uSource = create(stubUrl + "/bench.m3u", "m3u", 0, "");
            measure("M3U 100,000 entries", "first run", m3uSource);
            measure("M3U 100,000 entries", "unchanged re-run", m3uSource);
            long xt = create(stubUrl + "/xt", "xtream", 1, ",\"username\":\"bench\",\"password\":\"bench-pass\"");
            measure("Xtream 50k live / 50k VOD / 5k series", "first run", xt);
            measure("Xtream 50k live / 50k VOD / 5k series", "unchanged re-run", xt);
        } finally {
            stub.stop(0);
            ((java.util.concurrent.ExecutorService) stub.getExecutor()).shutdownNow();
        }
        StringBuilder table = new StringBuilder()
                .append("| Import | Run | Time | Found | Added | Updated | Heap used after (MiB) | Peak heap during (MiB) | Heap after GC (MiB) |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        rows.forEach(r -> table.append(r).append('\n'));
        table.append("\nPackaged app (pid ").append(pid).append("), H2 file database; time is the wall time of POST .../run;")
                .append(" heap from jstat every 50 ms.\n");
        Files.writeString(Path.of(args[3]), table);
        System.out.print(table);
    }

    private static long create(String url, String type, int priority, String credentials) throws Exception {
        return Long.parseLong(field(send("POST", "/api/scraper-sources", "{\"url\":\"" + url + "\",\"type\":\"" + type
                + "\",\"enabled\":true,\"intervalMinutes\":60,\"priority\":" + priority + credentials + "}"), "id"));
    }

    private static void gc() throws Exception {
        new ProcessBuilder("jcmd", String.valueOf(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    private static void measure(String what, String run, long source) throws Exception {
        gc();
        AtomicLong peak = new AtomicLong(heapUsed());
        Process jstat = new ProcessBuilder("jstat", "-gc", String.valueOf(pid), "50").start();
        Thread sampler = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(jstat.getInputStream()))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    long used = used(line);
                    peak.accumulateAndGet(used, Math::max);
                }
            } catch (IOException e) {
                // jstat ended
            }
        });
        sampler.start();
        long start = System.nanoTime();
        String result = send("POST", "/api/scraper-sources/" + source + "/run", "");
        long millis = (System.nanoTime() - start) / 1_000_000;
        jstat.destroy();
        sampler.join();
        long used = heapUsed();
        peak.accumulateAndGet(used, Math::max); // jstat samples every 50 ms and starts late: the end counts too
        if ("failed".equals(field(result, "status"))) {
            throw new IllegalStateException(what + " failed: " + result);
        }
        // what the run left behind for good: the used heap after it is mostly its garbage
        gc();
        long retained = heapUsed();
        rows.add(String.format("| %s | %s | %.2f s | %s | %s | %s | %d | %d | %d |", what, run, millis / 1000.0,
                field(result, "found"), field(result, "added"), field(result, "updated"), used >> 20,
                peak.get() >> 20, retained >> 20));
    }

    /** Used heap in bytes from one {@code jstat -gc} line (S0U + S1U + EU + OU, in KiB), -1 for the header. */
    private static long used(String line) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 8 || !Character.isDigit(f[0].charAt(0))) {
            return -1;
        }
        return (long) ((Double.parseDouble(f[2]) + Double.parseDouble(f[3]) + Double.parseDouble(f[5])
                + Double.parseDouble(f[7])) * 1024);
    }

    private static long heapUsed() throws Exception {
        Process p = new ProcessBuilder("jstat", "-gc", String.valueOf(pid)).start();
        long used = -1;
        for (String line : new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
            used = Math.max(used, used(line));
        }
        p.waitFor();
        return used;
    }

    private static String send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type",
                "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]*)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    private static void answer(HttpExchange exchange, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
        } else {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    // The lists below are those of src/test/java/org/polyplex/bench/ScrapingBench.java.

    private static Map<String, byte[]> xtream() {
        return Map.of("", "{\"user_info\":{\"auth\":1,\"status\":\"Active\",\"max_connections\":\"4\"}}"
                .getBytes(StandardCharsets.UTF_8),
                "get_live_categories", categories(50),
                "get_vod_categories", categories(50),
                "get_series_categories", categories(20),
                "get_live_streams", array(50_000, i -> "{\"num\":" + i + ",\"name\":\"Live " + i + "\",\"stream_id\":" + i
                        + ",\"stream_icon\":\"http://logos.example/" + i + ".png\",\"epg_channel_id\":\"xt" + i
                        + ".bench\",\"category_id\":\"" + (i % 50) + "\"}"),
                "get_vod_streams", array(50_000, i -> "{\"num\":" + i + ",\"name\":\"Movie " + i + "\",\"stream_id\":" + i
                        + ",\"stream_icon\":\"http://img.example/" + i + ".jpg\",\"container_extension\":\"mkv\","
                        + "\"category_id\":\"" + (i % 50) + "\"}"),
                "get_series", array(5_000, i -> "{\"num\":" + i + ",\"name\":\"Series " + i + "\",\"series_id\":" + i
                        + ",\"cover\":\"http://img.example/s" + i + ".jpg\",\"plot\":\"Plot " + i + "\",\"category_id\":\""
                        + (i % 20) + "\"}"));
    }

    private static byte[] m3u(int n) {
        StringBuilder sb = new StringBuilder(n * 160).append("#EXTM3U\n");
        for (int i = 0; i < n; i++) {
            sb.append("#EXTINF:-1 tvg-id=\"ch").append(i).append(".bench\" tvg-name=\"Channel ").append(i)
                    .append("\" tvg-logo=\"http://logos.example/").append(i).append(".png\" group-title=\"Group ")
                    .append(i % 100).append("\",Channel ").append(i).append('\n')
                    .append("http://streams.example/live/").append(i).append(".ts\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] categories(int n) {
        return array(n, i -> "{\"category_id\":\"" + i + "\",\"category_name\":\"Category " + i + "\",\"parent_id\":0}");
    }

    private static byte[] array(int n, IntFunction<String> item) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append(item.apply(i));
        }
        return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }
}
