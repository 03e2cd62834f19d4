package org.polyplex.proxy.upstream.hls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * A live HLS origin on 127.0.0.1 and a free port, for tests and the benchmark. Its segments are
 * real ones made by ffmpeg's HLS muxer; it plays them in a loop as an endless live stream (a
 * sliding window whose newest segment appears every segment duration, with
 * {@code #EXT-X-DISCONTINUITY} where the loop restarts). Paths: {@code /live.m3u8} (and
 * {@code /hi.m3u8}, the same stream), {@code /master.m3u8} (two variants), {@code /enc.m3u8}
 * (AES-128, key at {@code /key}, IV from the sequence), and the bad inputs {@code /loop.m3u8}
 * (a master pointing to itself), {@code /flaky.m3u8} (every other reload a 503),
 * {@code /malformed.m3u8}, {@code /missing.m3u8} (404 segments)
 * and {@code /frozen.m3u8} (never advances). Counts requests per path.
 */
public final class LiveHlsServer implements AutoCloseable {

    static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final int WINDOW = 4;

    private final Vertx vertx;
    private final List<Buffer> segments = new ArrayList<>();
    private final List<Double> durations = new ArrayList<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final List<Long> segmentOrder = new CopyOnWriteArrayList<>();
    private final Map<String, MultiMap> lastHeaders = new ConcurrentHashMap<>();
    private volatile MultiMap lastSegmentHeaders;
    private final long started = System.nanoTime();
    private final double cycle;
    private HttpServer server;

    /** Serves the HLS that ffmpeg makes from {@code seconds} of test pattern, in 1 s segments. */
    public LiveHlsServer(Vertx vertx, int seconds) {
        this.vertx = vertx;
        Path dir = HlsFixtures.hls(seconds, 1);
        String index = read(dir.resolve("index.m3u8"));
        Playlist.Media media = (Playlist.Media) PlaylistParser.parse(index, "http://x/index.m3u8");
        double total = 0;
        for (Playlist.Segment s : media.segments()) {
            String name = s.uri().substring(s.uri().lastIndexOf('/') + 1);
            try {
                segments.add(Buffer.buffer(Files.readAllBytes(dir.resolve(name))));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            durations.add(s.duration());
            total += s.duration();
        }
        cycle = total;
    }

    public LiveHlsServer start() {
        try {
            server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return this;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    public int requests(String path) {
        return requests.computeIfAbsent(path, p -> new AtomicInteger()).get();
    }

    /** The headers of the last request for a path ({@code /seg/5.ts}, {@code /key}), or null when none came. */
    public MultiMap lastHeaders(String path) {
        return lastHeaders.get(path);
    }

    /** The headers of the last segment request that found a segment, or null when none came. */
    public MultiMap lastSegmentHeaders() {
        return lastSegmentHeaders;
    }

    /** Sequence numbers of the clear segments served, in request order. */
    public List<Long> segmentOrder() {
        return List.copyOf(segmentOrder);
    }

    /** The newest sequence number now: one more per segment duration since start. */
    long newest() {
        double elapsed = (System.nanoTime() - started) / 1e9;
        long loops = (long) (elapsed / cycle);
        double rest = elapsed - loops * cycle;
        long n = loops * segments.size();
        for (double d : durations) {
            if (rest < d) {
                break;
            }
            rest -= d;
            n++;
        }
        return n + WINDOW - 1;
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        lastHeaders.put(path, MultiMap.caseInsensitiveMultiMap().addAll(request.headers()));
        HttpServerResponse response = request.response();
        switch (path) {
            case "/live.m3u8", "/hi.m3u8" -> playlist(response, newest(), "seg", false);
            case "/enc.m3u8" -> playlist(response, newest(), "enc", true);
            case "/missing.m3u8" -> playlist(response, newest(), "gone", false);
            case "/frozen.m3u8" -> playlist(response, WINDOW - 1, "seg", false);
            case "/flaky.m3u8" -> {
                if (requests("/flaky.m3u8") % 2 == 0) {
                    response.setStatusCode(503).end();
                } else {
                    playlist(response, newest(), "seg", false);
                }
            }
            case "/master.m3u8" -> text(response, "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=3000000,RESOLUTION=1920x1080\n"
                    + "hi.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=320x240\nlive.m3u8\n");
            case "/loop.m3u8" -> text(response, "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=800000\nloop.m3u8\n");
            case "/malformed.m3u8" -> text(response, "#EXTM3U\n#EXT-X-TARGETDURATION:soon\n#EXTINF:1,\nseg/0.ts\n");
            case "/key" -> response.end(Buffer.buffer(KEY));
            default -> segment(path, response);
        }
    }

    private void segment(String path, HttpServerResponse response) {
        String[] parts = path.split("/");
        if (parts.length != 3 || !parts[2].endsWith(".ts") || parts[1].equals("gone")) {
            response.setStatusCode(404).end();
            return;
        }
        long sequence = Long.parseLong(parts[2].substring(0, parts[2].length() - 3));
        lastSegmentHeaders = lastHeaders.get(path);
        Buffer body = segments.get((int) (sequence % segments.size()));
        response.putHeader("Content-Type", "video/mp2t");
        if (parts[1].equals("enc")) {
            byte[] iv = SegmentBytes.iv(new Playlist.Key("k", null), sequence);
            response.end(Buffer.buffer(SegmentBytes.encrypt(KEY, iv, body.getBytes())));
        } else {
            segmentOrder.add(sequence);
            response.end(body);
        }
    }

    private void playlist(HttpServerResponse response, long newest, String dir, boolean encrypted) {
        long first = Math.max(0, newest - WINDOW + 1);
        StringBuilder text = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:")
                .append((long) Math.ceil(durations.stream().mapToDouble(d -> d).max().orElse(1)))
                .append("\n#EXT-X-MEDIA-SEQUENCE:").append(first).append('\n');
        if (encrypted) {
            text.append("#EXT-X-KEY:METHOD=AES-128,URI=\"/key\"\n");
        }
        for (long n = first; n <= newest; n++) {
            int index = (int) (n % segments.size());
            if (index == 0 && n > 0) {
                text.append("#EXT-X-DISCONTINUITY\n");
            }
            text.append(String.format("#EXTINF:%.3f,\n", durations.get(index))).append(dir).append('/').append(n)
                    .append(".ts\n");
        }
        text(response, text.toString());
    }

    private static void text(HttpServerResponse response, String body) {
        response.putHeader("Content-Type", "application/vnd.apple.mpegurl").end(body);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
