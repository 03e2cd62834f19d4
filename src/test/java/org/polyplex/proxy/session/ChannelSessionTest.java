package org.polyplex.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polyplex.proxy.ProxyHarness.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.polyplex.proxy.ProxyHarness;
import org.polyplex.proxy.ProxyHarness.Watcher;
import org.polyplex.proxy.ts.TsPacket;
import org.polyplex.proxy.upstream.UpstreamFactory;
import org.polyplex.proxy.viewer.ViewerInfo;
import org.polyplex.testsupport.TsFixtures;
import org.polyplex.testsupport.TsServer;

import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fan-out hot path on a plain Vert.x: real sockets, a real upstream, no Quarkus, no sleeps. */
@Timeout(60)
class ChannelSessionTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private ProxyHarness proxy;
    private TsServer upstream;

    private void start(long bitsPerSecond, Map<String, String> config) {
        proxy = new ProxyHarness(config);
        upstream = new TsServer(proxy.vertx, bitsPerSecond)
                .stream("a", TsFixtures.read(TsFixtures.h264(6, 600)))
                .stream("b", TsFixtures.read(TsFixtures.h264(6, 600)))
                .stream("audio", TsFixtures.read(TsFixtures.audioOnly()))
                .start();
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void simultaneousFirstViewersShareOneUpstream() {
        start(8_000_000, Map.of());
        proxy.channel(1, source(1, upstream.url("/live/a")));
        List<Watcher> viewers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            viewers.add(proxy.open(1, 0));
        }
        proxy.await("every viewer gets data", WAIT, () -> viewers.stream().allMatch(v -> v.total > 100_000));
        assertThat(upstream.requests("/live/a")).isEqualTo(1);
        assertThat(proxy.registry.sessionCount()).isEqualTo(1);
        assertThat(proxy.metrics.viewers()).isEqualTo(30);
        assertThat(proxy.metrics.upstreamsOpened()).isEqualTo(1);
    }

    @Test
    void aNonReadingViewerIsEvictedWhileOthersKeepReceiving() {
        start(40_000_000, Map.of("polyplex.proxy.viewer.slow-policy", "evict",
                "polyplex.proxy.viewer.write-stall-timeout", "300ms",
                "polyplex.proxy.viewer.max-pending-bytes", "65536"));
        proxy.channel(1, source(1, upstream.url("/live/a")));
        Watcher first = proxy.open(1, 0);
        proxy.await("first viewer streams", WAIT, () -> first.total > 10_000);

        NetSocket stuck = ProxyHarness.join(proxy.vertx.createNetClient(new NetClientOptions().setReceiveBufferSize(4096))
                .connect(proxy.frontPort(), "127.0.0.1"));
        stuck.pause();
        stuck.write("GET /1 HTTP/1.1\r\nHost: localhost\r\n\r\n");
        Watcher second = proxy.open(1, 0);

        proxy.await("the stuck viewer is evicted", WAIT, () -> proxy.metrics.evictions() == 1);
        long before = second.total;
        proxy.await("the others keep receiving", WAIT, () -> second.total > before + 2_000_000 && first.total > 4_000_000);
        assertThat(proxy.metrics.viewers()).isEqualTo(2);
        assertThat(upstream.requests("/live/a")).isEqualTo(1);
    }

    @Test
    void viewersOnSeveralEventLoopsEachStartOnAKeyframeAndLeaveTheSessionWhenTheyGo() {
        start(8_000_000, Map.of(ProxyHarness.FRONT_LOOPS, "3", "polyplex.proxy.session.linger", "0s"));
        proxy.channel(1, source(1, upstream.url("/live/a")));
        List<Watcher> viewers = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            viewers.add(proxy.open(1, 200_000));
        }
        proxy.await("every viewer has 200 kB", WAIT, () -> viewers.stream().allMatch(v -> v.bytes().length >= 200_000));
        assertThat(viewers.stream().map(v -> v.header("X-Loop")).distinct().count())
                .as("the viewers' connections live on several event loops").isGreaterThan(1);
        for (Watcher viewer : viewers) {
            byte[] bytes = viewer.bytes();
            assertThat(TsPacket.pid(bytes, 0)).isEqualTo(TsPacket.PAT_PID);
            assertThat(TsPacket.pid(bytes, 188)).isEqualTo(TsPacket.pmtPidOf(bytes, 0));
            assertThat(TsPacket.payloadStart(bytes, 376)).isTrue();
        }
        assertThat(upstream.requests("/live/a")).isEqualTo(1);
        List<ViewerInfo> described = ProxyHarness.join(proxy.registry.snapshot()).viewers();
        assertThat(described).hasSize(9).allSatisfy(v -> assertThat(v.bytesOut()).isPositive());

        Watcher kicked = viewers.remove(0);
        assertThat(proxy.registry.kick(Long.parseLong(kicked.header("X-Viewer")), "test")).isTrue();
        proxy.await("the kicked viewer's stream ends", WAIT, () -> kicked.ended.isDone());
        proxy.await("eight viewers left", WAIT, () -> proxy.metrics.viewers() == 8);
        long before = viewers.get(0).total;
        proxy.await("the others keep streaming", WAIT, () -> viewers.get(0).total > before + 500_000);

        viewers.forEach(Watcher::close);
        proxy.await("the last viewer's departure closes the session", WAIT, () -> proxy.sessions() == 0);
        assertThat(proxy.metrics.viewers()).isZero();
    }

    @Test
    void aLateJoinerStartsOnPatPmtAndAKeyframe() throws Exception {
        start(4_000_000, Map.of());
        proxy.channel(1, source(1, upstream.url("/live/a")));
        Watcher early = proxy.open(1, 0);
        proxy.await("the channel runs past its first GOP", WAIT, () -> early.total > 700_000);

        Watcher late = proxy.open(1, 400_000);
        proxy.await("the late joiner has 400 kB", WAIT, () -> late.bytes().length >= 400_000);
        byte[] bytes = late.bytes();
        int pmtPid = TsPacket.pmtPidOf(bytes, 0);
        assertThat(TsPacket.pid(bytes, 0)).isEqualTo(TsPacket.PAT_PID);
        assertThat(TsPacket.pid(bytes, 188)).isEqualTo(pmtPid);
        assertThat(TsPacket.payloadStart(bytes, 376)).isTrue();

        Path capture = Path.of("target", "fixtures", "late-joiner.ts");
        Files.write(capture, bytes);
        assertThat(TsFixtures.firstVideoFrames(capture, 1)).singleElement().asString().startsWith("1,I");
        assertThat(upstream.requests("/live/a")).isEqualTo(1);
    }

    @Test
    void lingersAfterTheLastViewerThenClosesTheUpstream() {
        start(4_000_000, Map.of("polyplex.proxy.session.linger", "1s"));
        proxy.channel(1, source(1, upstream.url("/live/a")));
        Watcher first = proxy.open(1, 0);
        proxy.await("streaming", WAIT, () -> first.total > 50_000);
        first.close();
        proxy.await("viewer gone", WAIT, () -> proxy.metrics.viewers() == 0);

        Watcher back = proxy.open(1, 0);
        proxy.await("a viewer within the linger reuses the upstream", WAIT, () -> back.total > 50_000);
        assertThat(upstream.requests("/live/a")).isEqualTo(1);
        back.close();
        proxy.await("session closed after the linger", WAIT, () -> proxy.registry.sessionCount() == 0);
        proxy.await("upstream connection closed", WAIT, () -> upstream.active() == 0);
        assertThat(proxy.metrics.sessions()).isZero();
    }

    @Test
    void shouldLingerOnTheSessionsMonotonicClockNotTheWallClock() {
        AtomicLong clock = new AtomicLong(1_000_000_000_000L);
        proxy = new ProxyHarness(Map.of("polyplex.proxy.session.linger", "1s", "polyplex.proxy.session.tick", "50ms"),
                List.of(), (client, h) -> UpstreamFactory.of(client, h.proxyConfig()), clock::get);
        upstream = new TsServer(proxy.vertx, 4_000_000).stream("a", TsFixtures.read(TsFixtures.h264(6, 600))).start();
        proxy.channel(1, source(1, upstream.url("/live/a")));
        Watcher viewer = proxy.open(1, 0);
        proxy.await("streaming", WAIT, () -> viewer.total > 50_000);
        viewer.close();
        proxy.await("viewer gone", WAIT, () -> proxy.metrics.viewers() == 0);
        // Twice the linger goes by on the wall clock while the session's clock stands still.
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> proxy.sessions() == 1);
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        proxy.await("the linger is over on the session's clock", WAIT, () -> proxy.sessions() == 0);
        assertThat(upstream.requests("/live/a")).isEqualTo(1);
    }

    @Test
    void failoverKeepsViewersAndSplicesOnAKeyframeThatDecodes() throws Exception {
        start(4_000_000, Map.of("polyplex.proxy.upstream.idle-timeout", "1s"));
        proxy.channel(1, source(1, upstream.url("/live/a")), source(2, upstream.url("/live/b")));
        List<Watcher> viewers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            viewers.add(proxy.open(1, 3_000_000));
        }
        proxy.await("streaming from a", WAIT, () -> viewers.stream().allMatch(v -> v.total > 600_000));
        long atKill = viewers.get(0).total;
        upstream.kill("a");

        proxy.await("bytes of b reach every viewer", WAIT,
                () -> viewers.stream().allMatch(v -> v.total > atKill + 1_200_000));
        assertThat(viewers).allMatch(v -> !v.ended.isDone());
        assertThat(upstream.requests("/live/b")).isEqualTo(1);
        assertThat(proxy.metrics.failovers()).isEqualTo(1);

        Path capture = Path.of("target", "fixtures", "failover.ts");
        Files.write(capture, viewers.get(0).bytes());
        // The muxer's "non monotonically increasing dts" lines are about the timestamp jump itself.
        // Two decode errors are expected: the frame of a cut at the splice, and the frame cut by the
        // end of this capture; nothing else may fail to decode.
        List<String> errors = TsFixtures.decodeErrors(capture).stream()
                .filter(line -> line.contains("error while decoding")).toList();
        assertThat(errors).as("decode errors across the splice: %s", errors).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void badSourcesAreSkippedOnceEachUntilAGoodOne() throws Exception {
        start(4_000_000, Map.of("polyplex.proxy.upstream.first-byte-timeout", "500ms",
                "polyplex.proxy.upstream.max-redirects", "3", "polyplex.proxy.session.tick", "50ms"));
        proxy.channel(1, source(1, upstream.url("/html")), source(2, upstream.url("/error")),
                source(3, upstream.url("/garbage")), source(4, upstream.url("/live/audio")),
                source(5, upstream.url("/redirect")), source(6, upstream.url("/stall")),
                source(7, "acestream://0123456789012345678901234567890123456789"),
                source(8, upstream.url("/live/a")));
        Watcher viewer = proxy.open(1, 200_000);
        proxy.await("video from the good source", WAIT, () -> viewer.bytes().length >= 200_000);

        byte[] bytes = viewer.bytes();
        int start = 0;
        while (TsPacket.pid(bytes, start) == TsPacket.NULL_PID) {
            start += TsPacket.SIZE;
        }
        assertThat(TsPacket.pid(bytes, start)).as("keepalive, then PAT").isEqualTo(TsPacket.PAT_PID);
        for (String path : List.of("/html", "/error", "/garbage", "/live/audio", "/stall")) {
            assertThat(upstream.requests(path)).as(path).isEqualTo(1);
        }
        assertThat(upstream.requests("/redirect")).isEqualTo(4);
        assertThat(upstream.requests("/live/a")).isEqualTo(1);
    }

    @Test
    void whenEverySourceIsDownViewersGetKeepaliveThenAClearEnd() throws Exception {
        start(4_000_000, Map.of("polyplex.proxy.failover.keepalive-max", "1500ms",
                "polyplex.proxy.failover.keepalive-interval", "100ms", "polyplex.proxy.session.tick", "50ms"));
        proxy.channel(1, source(1, upstream.url("/error")));
        Watcher viewer = proxy.open(1, 100_000);
        viewer.ended.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        byte[] bytes = viewer.bytes();
        assertThat(bytes.length).isPositive().matches(n -> n % TsPacket.SIZE == 0);
        for (int p = 0; p < bytes.length; p += TsPacket.SIZE) {
            assertThat(TsPacket.pid(bytes, p)).isEqualTo(TsPacket.NULL_PID);
        }
        assertThat(upstream.requests("/error")).as("backoff: not hammered").isLessThanOrEqualTo(2);
        proxy.await("session gone", WAIT, () -> proxy.registry.sessionCount() == 0);
    }

    @Test
    void aFallbackSlatePlaysWhileEverySourceIsDownUntilASourceReturns() {
        String slate = TsFixtures.h264Variant(2, 300, "0x1100").toAbsolutePath().toString();
        start(4_000_000, Map.of("polyplex.proxy.failover.fallback-slate", slate,
                "polyplex.proxy.failover.keepalive-max", "300ms", "polyplex.proxy.failover.backoff-initial", "100ms",
                "polyplex.proxy.failover.backoff-max", "200ms", "polyplex.proxy.failover.breaker-threshold", "1000",
                "polyplex.proxy.session.tick", "50ms"));
        upstream.kill("a");
        proxy.channel(1, source(1, upstream.url("/live/a")));
        Watcher viewer = proxy.open(1, 4_000_000);
        proxy.await("the slate plays", WAIT, () -> firstPacketOf(viewer.bytes(), 0x1100, 0) >= 0);
        upstream.revive("a");
        proxy.await("the source is back", WAIT,
                () -> firstPacketOf(viewer.bytes(), 0x1000, firstPacketOf(viewer.bytes(), 0x1100, 0)) >= 0);
        assertThat(viewer.ended).isNotDone();
        SessionsSnapshot snapshot = ProxyHarness.join(proxy.registry.snapshot());
        assertThat(snapshot.sessions().get(0).state()).isEqualTo("streaming");
    }

    @Test
    void afterAFailoverTheSessionGoesBackToTheEarlierSourceOnceItDeliversAgain() {
        proxy = new ProxyHarness(Map.of("polyplex.proxy.failover.return-retry", "200ms",
                "polyplex.proxy.failover.return-retry-max", "400ms", "polyplex.proxy.failover.backoff-initial", "100ms",
                "polyplex.proxy.session.tick", "50ms"));
        upstream = new TsServer(proxy.vertx, 4_000_000).stream("a", TsFixtures.read(TsFixtures.h264(6, 600)))
                .stream("b", TsFixtures.read(TsFixtures.h264Variant(6, 600, "0x1100"))).start();
        proxy.channel(1, source(1, upstream.url("/live/a")), source(2, upstream.url("/live/b")));
        Watcher viewer = proxy.open(1, 6_000_000);
        proxy.await("streaming from a", WAIT, () -> viewer.total > 300_000);
        upstream.kill("a");
        proxy.await("b took over", WAIT, () -> firstPacketOf(viewer.bytes(), 0x1100, 0) >= 0);
        int triesWhileDown = upstream.requests("/live/a");
        proxy.await("a is tried again in the background", WAIT, () -> upstream.requests("/live/a") >= triesWhileDown + 2);
        assertThat(firstPacketOf(viewer.bytes(), 0x1000, firstPacketOf(viewer.bytes(), 0x1100, 0)))
                .as("a try of a dead source reaches no viewer").isNegative();

        upstream.revive("a");
        proxy.await("back on a", WAIT,
                () -> firstPacketOf(viewer.bytes(), 0x1000, firstPacketOf(viewer.bytes(), 0x1100, 0)) >= 0);
        proxy.await("b is stopped", WAIT, () -> upstream.active("b") == 0);
        assertThat(viewer.ended).isNotDone();
        assertThat(proxy.metrics.failovers()).isEqualTo(1);
        assertThat(proxy.metrics.sourceReturns()).isEqualTo(1);
        assertThat(upstream.requests("/live/b")).isEqualTo(1);
        SessionsSnapshot.SessionInfo session = ProxyHarness.join(proxy.registry.snapshot()).sessions().get(0);
        assertThat(session.sourceId()).isEqualTo(1);
        assertThat(session.state()).isEqualTo("streaming");
        int splice = firstPacketOf(viewer.bytes(), 0x1000, firstPacketOf(viewer.bytes(), 0x1100, 0));
        assertThat(TsPacket.pid(viewer.bytes(), splice - TsPacket.SIZE)).as("PAT before the spliced PMT")
                .isEqualTo(TsPacket.PAT_PID);
    }

    @Test
    void aDeadEarlierSourceIsRetriedAtADoublingDelayAndNotAtAllWhenReturningIsOff() {
        // b plays for about 3 s: tries at 0.1, 0.3, 0.7, 1.1, 1.5 ... s after it took over, never each tick
        assertThat(triesOfADeadFirstSourceWhileTheSecondPlays(Map.of("polyplex.proxy.failover.return-retry", "100ms",
                "polyplex.proxy.failover.return-retry-max", "400ms"))).isBetween(3, 10);
        proxy.close();
        assertThat(triesOfADeadFirstSourceWhileTheSecondPlays(Map.of("polyplex.proxy.failover.return-to-earlier",
                "false", "polyplex.proxy.failover.return-retry", "100ms"))).isEqualTo(1);
    }

    /** Requests of source a (dead from the start) while b plays 1.5 MB, about 3 s. */
    private int triesOfADeadFirstSourceWhileTheSecondPlays(Map<String, String> failover) {
        Map<String, String> config = new java.util.HashMap<>(failover);
        config.put("polyplex.proxy.session.tick", "20ms");
        start(4_000_000, config);
        upstream.kill("a");
        proxy.channel(1, source(1, upstream.url("/live/a")), source(2, upstream.url("/live/b")));
        Watcher viewer = proxy.open(1, 0);
        proxy.await("b plays", WAIT, () -> viewer.total > 1_500_000);
        return upstream.requests("/live/a");
    }

    private static int firstPacketOf(byte[] ts, int pid, int from) {
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

    @Test
    void aSourceAtItsCapIsPassedForTheNext() {
        start(4_000_000, Map.of());
        proxy.channel(1, ProxyHarness.source(1, upstream.url("/live/a"), 1));
        proxy.channel(2, ProxyHarness.source(1, upstream.url("/live/a"), 1), source(3, upstream.url("/live/b")));
        Watcher one = proxy.open(1, 0);
        proxy.await("channel 1 streams", WAIT, () -> one.total > 50_000);
        Watcher two = proxy.open(2, 0);
        proxy.await("channel 2 streams", WAIT, () -> two.total > 50_000);
        assertThat(upstream.requests("/live/a")).isEqualTo(1);
        assertThat(upstream.requests("/live/b")).isEqualTo(1);
    }

    @Test
    void snapshotListsSessionsAndViewersAndAKickEndsAViewer() {
        start(4_000_000, Map.of());
        proxy.channel(1, source(1, upstream.url("/live/a")));
        Watcher viewer = proxy.open(1, 0);
        proxy.await("streaming", WAIT, () -> viewer.total > 50_000);
        SessionsSnapshot snapshot = ProxyHarness.join(proxy.registry.snapshot());
        assertThat(snapshot.sessions()).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo("streaming");
            assertThat(s.source()).isEqualTo("http://127.0.0.1:" + upstream.url("").split(":")[2] + "/…");
            assertThat(s.viewers()).isEqualTo(1);
            assertThat(s.bytesIn()).isPositive();
        });
        ViewerInfo info = snapshot.viewers().get(0);
        assertThat(info.username()).isEqualTo("user1");
        assertThat(proxy.registry.kick(info.id(), "test")).isTrue();
        proxy.await("kicked viewer disconnected", WAIT, () -> viewer.ended.isDone());
        assertThat(proxy.registry.kick(info.id(), "again")).isFalse();
        assertThat(proxy.metrics.evictions()).isEqualTo(1);
    }
}
