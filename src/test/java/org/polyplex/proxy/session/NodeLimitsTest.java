package org.polyplex.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polyplex.proxy.ProxyHarness.source;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.polyplex.proxy.ProxyHarness;
import org.polyplex.proxy.ProxyHarness.Watcher;
import org.polyplex.proxy.memory.MemoryBudget;
import org.polyplex.proxy.ts.TsPacket;
import org.polyplex.testsupport.TsFixtures;
import org.polyplex.testsupport.TsServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The node's bounds seen from the viewers, on real sockets: the memory budget and the per-session
 * viewer cap refuse before any stream byte and admit again once room is back, nothing stays
 * reserved after the sessions end; and the source watchdogs and the HLS first-segment wait.
 */
@Timeout(60)
class NodeLimitsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int RING = 1 << 20;
    private static final int WRITE_BOUND = 1 << 16;
    private static final int VIEWER = MemoryBudget.VIEWER_BYTES;
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private ProxyHarness proxy;
    private TsServer upstream;

    private void start(Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(Map.of("polyplex.proxy.session.ring-bytes", String.valueOf(RING),
                "polyplex.proxy.viewer.max-pending-bytes", String.valueOf(WRITE_BOUND),
                "polyplex.proxy.session.linger", "0s", "polyplex.proxy.session.tick", "50ms"));
        config.putAll(overrides);
        proxy = new ProxyHarness(config);
        upstream = new TsServer(proxy.vertx, 4_000_000).stream("a", TsFixtures.read(TsFixtures.h264(6, 600)))
                .stream("b", TsFixtures.read(TsFixtures.h264(6, 600)))
                .stream("audio", TsFixtures.read(TsFixtures.audioOnly())).start();
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    private Watcher streaming(long channel) {
        Watcher viewer = proxy.open(channel, 0);
        proxy.await("channel " + channel + " streams", WAIT, () -> viewer.total > 10_000);
        assertThat(viewer.status()).isEqualTo(200);
        return viewer;
    }

    private Watcher refused(long channel, String code) throws Exception {
        Watcher viewer = proxy.open(channel, 4096);
        viewer.ended.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(viewer.status()).isEqualTo(503);
        assertThat(viewer.header("Content-Type")).isEqualTo("application/json");
        assertThat(viewer.header("Retry-After")).isNotBlank();
        String body = new String(viewer.bytes(), StandardCharsets.UTF_8);
        assertThat(body).as("a JSON refusal, no stream byte").startsWith("{").contains("\"code\":\"" + code + "\"");
        return viewer;
    }

    @Test
    void aViewerOverTheSessionsCapIsRefusedUntilOneLeaves() throws Exception {
        start(Map.of("polyplex.proxy.session.max-viewers", "1"));
        proxy.channel(1, source(1, upstream.url("/live/a")));
        Watcher first = streaming(1);
        refused(1, "too_many_viewers");
        assertThat(proxy.metrics.refusals("too_many_viewers")).isEqualTo(1);
        first.close();
        proxy.await("the first viewer left", WAIT, () -> proxy.metrics.viewers() == 0);
        streaming(1).close();
    }

    @Test
    void viewersAndSessionsOverTheMemoryBudgetAreRefusedAndNothingLeaks() throws Exception {
        start(Map.of("polyplex.proxy.memory.max-buffer-bytes", String.valueOf(RING + VIEWER)));
        proxy.channel(1, source(1, upstream.url("/live/a")));
        proxy.channel(2, source(2, upstream.url("/live/b")));
        Watcher first = streaming(1);
        assertThat(proxy.registry.memory().used()).as("a viewer keeping up").isEqualTo(RING + VIEWER);
        refused(1, "memory_budget");
        refused(2, "memory_budget");
        assertThat(proxy.metrics.refusals("memory_budget")).isEqualTo(2);
        assertThat(proxy.sessions()).as("no session for the refused channel").isEqualTo(1);
        assertThat(upstream.requests("/live/b")).as("no upstream touched").isZero();

        first.close();
        proxy.await("the budget is free", WAIT, () -> proxy.registry.memory().used() == 0);
        Watcher other = streaming(2);
        other.close();
        proxy.await("nothing reserved after the sessions end", WAIT,
                () -> proxy.sessions() == 0 && proxy.registry.memory().used() == 0);
    }

    @Test
    void aSocketThatFallsBehindWithoutRoomForItsBacklogIsEvictedAndTheReaderKeepsStreaming() throws Exception {
        // a write bound twice the connection's share: a socket that falls behind needs one more share
        start(Map.of("polyplex.proxy.memory.max-buffer-bytes", String.valueOf(RING + 2 * VIEWER),
                "polyplex.proxy.viewer.max-pending-bytes", String.valueOf(2 * VIEWER)));
        proxy.channel(1, source(1, upstream.url("/live/a")));
        Watcher reader = streaming(1);
        try (Socket stuck = new Socket()) {
            stuck.setReceiveBufferSize(4096);
            stuck.connect(new InetSocketAddress("127.0.0.1", proxy.frontPort()), 5000);
            stuck.getOutputStream().write("GET /1 HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            proxy.await("both viewers admitted on their connection's share", WAIT,
                    () -> proxy.metrics.viewers() == 2 && proxy.registry.memory().used() == RING + 2 * VIEWER);
            proxy.await("the reader-less socket is evicted once its queue fills", WAIT,
                    () -> proxy.metrics.evictions() == 1 && proxy.metrics.viewers() == 1);
            assertThat(proxy.registry.memory().used()).isEqualTo(RING + VIEWER);
            long before = reader.total;
            proxy.await("the reader keeps receiving", WAIT, () -> reader.total > before + 200_000);
        }
        reader.close();
        proxy.await("nothing reserved after the session ends", WAIT,
                () -> proxy.sessions() == 0 && proxy.registry.memory().used() == 0);
    }

    @Test
    void anHlsWindowOverTheMemoryBudgetIsRefusedAndItsNewSessionCloses() {
        start(Map.of("polyplex.proxy.memory.max-buffer-bytes", String.valueOf(RING + VIEWER),
                "polyplex.proxy.hls-output.window-bytes", String.valueOf(VIEWER + 1)));
        proxy.channel(1, source(1, upstream.url("/live/a")));
        HttpResponse<String> join = get("/hls-join/1");
        assertThat(join.statusCode()).isEqualTo(503);
        assertThat(join.body()).contains("memory_budget");
        proxy.await("the session closed", WAIT, () -> proxy.sessions() == 0);
        assertThat(proxy.registry.memory().used()).isZero();
    }

    @Test
    void aPlaylistBeforeTheFirstSegmentAnswersHlsNotReady() {
        start(Map.of("polyplex.proxy.hls-output.first-segment-wait", "300ms"));
        proxy.channel(1, source(1, upstream.url("/stall")));
        HttpResponse<String> join = get("/hls-join/1");
        assertThat(join.statusCode()).isEqualTo(302);
        HttpResponse<String> playlist = get(join.headers().firstValue("Location").orElseThrow());
        assertThat(playlist.statusCode()).isEqualTo(503);
        assertThat(playlist.headers().firstValue("Retry-After")).isPresent();
        assertThat(playlist.body()).contains("\"code\":\"hls_not_ready\"");
        assertThat(proxy.metrics.refusals("hls_not_ready")).isEqualTo(1);
    }

    @Test
    void aSourceWithoutKeyframesFailsOverAfterTheKeyframeTimeout() {
        start(Map.of("polyplex.proxy.upstream.keyframe-timeout", "500ms"));
        proxy.channel(1, source(1, upstream.url("/live/audio")), source(2, upstream.url("/live/a")));
        Watcher viewer = proxy.open(1, 10_000);
        proxy.await("video from the second source", WAIT, () -> firstNonNull(viewer.bytes()) >= 0);
        assertThat(TsPacket.pid(viewer.bytes(), firstNonNull(viewer.bytes()))).isEqualTo(TsPacket.PAT_PID);
        assertThat(upstream.requests("/live/audio")).isEqualTo(1);
        assertThat(upstream.requests("/live/a")).isEqualTo(1);
        viewer.close();
    }

    @Test
    void aSoleSourceWithoutKeyframesEndsTheViewersAfterTheKeepaliveBound() throws Exception {
        start(Map.of("polyplex.proxy.upstream.keyframe-timeout", "300ms",
                "polyplex.proxy.failover.keepalive-max", "1s", "polyplex.proxy.failover.keepalive-interval", "100ms"));
        proxy.channel(1, source(1, upstream.url("/live/audio")));
        Watcher viewer = proxy.open(1, 1_000_000);
        viewer.ended.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(firstNonNull(viewer.bytes())).as("keepalive only: nothing of the source").isEqualTo(-1);
        proxy.await("session gone", WAIT, () -> proxy.sessions() == 0 && proxy.registry.memory().used() == 0);
    }

    @Test
    void twoChannelsOnTheSlateAtOnceRecoverIndependently() {
        String slate = TsFixtures.h264Variant(2, 300, "0x1100").toAbsolutePath().toString();
        start(Map.of("polyplex.proxy.failover.fallback-slate", slate, "polyplex.proxy.failover.keepalive-max", "300ms",
                "polyplex.proxy.failover.backoff-initial", "100ms", "polyplex.proxy.failover.backoff-max", "200ms",
                "polyplex.proxy.failover.breaker-threshold", "1000"));
        upstream.kill("a");
        upstream.kill("b");
        proxy.channel(1, source(1, upstream.url("/live/a")));
        proxy.channel(2, source(2, upstream.url("/live/b")));
        Watcher one = proxy.open(1, 8_000_000);
        Watcher two = proxy.open(2, 8_000_000);
        proxy.await("both play the slate", WAIT, () -> firstOf(one.bytes(), 0x1100, 0) >= 0
                && firstOf(two.bytes(), 0x1100, 0) >= 0);

        upstream.revive("a");
        proxy.await("channel 1 is back", WAIT, () -> firstOf(one.bytes(), 0x1000, firstOf(one.bytes(), 0x1100, 0)) >= 0);
        assertThat(state(2)).as("channel 2 still on the slate").isEqualTo("fallback");
        int twoSoFar = two.bytes().length;
        proxy.await("channel 2 keeps playing the slate", WAIT, () -> two.bytes().length > twoSoFar + 100_000);
        assertThat(firstOf(two.bytes(), 0x1000, firstOf(two.bytes(), 0x1100, 0))).isEqualTo(-1);

        upstream.revive("b");
        proxy.await("channel 2 is back", WAIT, () -> firstOf(two.bytes(), 0x1000, firstOf(two.bytes(), 0x1100, 0)) >= 0);
        assertThat(state(1)).isEqualTo("streaming");
        assertThat(state(2)).isEqualTo("streaming");
        assertThat(one.ended).isNotDone();
        assertThat(two.ended).isNotDone();
    }

    private String state(long channel) {
        return ProxyHarness.join(proxy.registry.snapshot()).sessions().stream().filter(s -> s.channelId() == channel)
                .findFirst().orElseThrow().state();
    }

    private static int firstOf(byte[] ts, int pid, int from) {
        if (from < 0) {
            return -1;
        }
        for (int p = from; p + TsPacket.SIZE <= ts.length; p += TsPacket.SIZE) {
            if (TsPacket.pid(ts, p) == pid) {
                return p;
            }
        }
        return -1;
    }

    private static int firstNonNull(byte[] ts) {
        for (int p = 0; p + TsPacket.SIZE <= ts.length; p += TsPacket.SIZE) {
            if (TsPacket.pid(ts, p) != TsPacket.NULL_PID) {
                return p;
            }
        }
        return -1;
    }

    private HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.frontPort() + path))
                    .timeout(WAIT).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
