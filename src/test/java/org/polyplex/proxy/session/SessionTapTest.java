package org.polyplex.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polyplex.proxy.ProxyHarness.source;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.polyplex.proxy.ProxyHarness;
import org.polyplex.proxy.ProxyHarness.Watcher;
import org.polyplex.proxy.ts.TsPacket;
import org.polyplex.testsupport.TsFixtures;
import org.polyplex.testsupport.TsServer;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Session taps through the real session machinery: a tap holds the session open without being a
 * viewer, starts on a keyframe, shares the one upstream with the viewers, and hears when the
 * session ends.
 */
class SessionTapTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private ProxyHarness proxy;
    private TsServer upstream;

    private void start(Map<String, String> config) {
        proxy = new ProxyHarness(config);
        upstream = new TsServer(proxy.vertx, 4_000_000).stream("a", TsFixtures.read(TsFixtures.h264(6, 600))).start();
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    /** Keeps what it is given, and checks it is called on one context and never before a keyframe. */
    private static final class Capture implements TapSink {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CompletableFuture<String> ended = new CompletableFuture<>();
        final AtomicInteger chunks = new AtomicInteger();
        volatile boolean firstWasKeyframe;
        volatile Context context;
        volatile boolean wrongContext;

        @Override
        public synchronized void chunk(Buffer packets, boolean keyframe) {
            Context now = Vertx.currentContext();
            if (context == null) {
                context = now;
                firstWasKeyframe = keyframe;
            } else if (now != context) {
                wrongContext = true;
            }
            bytes.writeBytes(packets.getBytes());
            chunks.incrementAndGet();
        }

        synchronized int size() {
            return bytes.size();
        }

        synchronized byte[] bytes() {
            return bytes.toByteArray();
        }

        @Override
        public void ended(String reason) {
            ended.complete(reason);
        }
    }

    @Test
    void aTapAloneRunsTheSessionFromAKeyframeWithoutCountingAsAViewer() throws Exception {
        start(Map.of("polyplex.proxy.session.linger", "300ms"));
        Capture capture = new Capture();
        SessionTap tap = proxy.registry.tap(proxy.channel(1, source(1, upstream.url("/live/a"))), "test", capture);
        proxy.await("the tap records", WAIT, () -> capture.size() > 400_000);
        assertThat(capture.firstWasKeyframe).isTrue();
        assertThat(capture.wrongContext).isFalse();
        assertThat(proxy.metrics.viewers()).isZero();
        assertThat(proxy.registry.sessionCount()).isEqualTo(1);
        SessionsSnapshot snapshot = ProxyHarness.join(proxy.registry.snapshot());
        assertThat(snapshot.sessions()).singleElement().satisfies(s -> {
            assertThat(s.viewers()).isZero();
            assertThat(s.taps()).isEqualTo(1);
        });

        byte[] bytes = capture.bytes();
        assertThat(TsPacket.pid(bytes, 0)).isEqualTo(TsPacket.PAT_PID);
        Path file = Files.createTempFile("tap", ".ts");
        Files.write(file, TsFixtures.wholeFrames(bytes));
        assertThat(TsFixtures.firstVideoFrames(file, 1)).first().asString().startsWith("1,I");
        assertThat(TsFixtures.decodeErrors(file)).isEmpty();
        Files.delete(file);

        tap.close();
        tap.close();
        proxy.await("the session closes after its linger", WAIT, () -> proxy.registry.sessionCount() == 0);
        proxy.await("upstream closed", WAIT, () -> upstream.active() == 0);
        assertThat(capture.ended).isNotDone();
    }

    @Test
    void viewersAndATapShareOneUpstreamAndTheSessionOutlivesTheViewers() {
        start(Map.of("polyplex.proxy.session.linger", "200ms"));
        proxy.channel(1, source(1, upstream.url("/live/a")));
        Watcher viewer = proxy.open(1, 0);
        proxy.await("the viewer plays", WAIT, () -> viewer.total > 100_000);
        Capture capture = new Capture();
        SessionTap tap = proxy.registry.tap(proxy.channel(1, source(1, upstream.url("/live/a"))), "test", capture);
        proxy.await("the late tap starts from the GOP cache", WAIT, () -> capture.size() > 0);
        assertThat(capture.firstWasKeyframe).isTrue();
        viewer.close();
        proxy.await("the viewer left", WAIT, () -> proxy.metrics.viewers() == 0);
        long before = capture.size();
        proxy.await("the tap keeps receiving past the linger", WAIT, () -> capture.size() > before + 300_000);
        assertThat(proxy.registry.sessionCount()).isEqualTo(1);
        assertThat(upstream.requests("/live/a")).isEqualTo(1);
        tap.close();
        proxy.await("closed", WAIT, () -> proxy.registry.sessionCount() == 0);
    }

    @Test
    void aTapHearsWhenItsSessionEndsAndAFailingSinkIsDetachedWithoutHurtingViewers() throws Exception {
        start(Map.of("polyplex.proxy.failover.keepalive-max", "500ms", "polyplex.proxy.session.tick", "50ms"));
        Capture down = new Capture();
        proxy.registry.tap(proxy.channel(2, source(2, upstream.url("/error"))), "test", down);
        assertThat(down.ended.get(WAIT.toSeconds(), TimeUnit.SECONDS)).contains("all sources down");

        proxy.channel(1, source(1, upstream.url("/live/a")));
        Watcher viewer = proxy.open(1, 0);
        CompletableFuture<String> failed = new CompletableFuture<>();
        proxy.registry.tap(proxy.channel(1, source(1, upstream.url("/live/a"))), "broken", new TapSink() {
            @Override
            public void chunk(Buffer packets, boolean keyframe) {
                throw new IllegalStateException("disk on fire");
            }

            @Override
            public void ended(String reason) {
                failed.complete(reason);
            }
        });
        assertThat(failed.get(WAIT.toSeconds(), TimeUnit.SECONDS)).contains("IllegalStateException");
        long before = viewer.total;
        proxy.await("the viewer goes on", WAIT, () -> viewer.total > before + 200_000);
        assertThat(viewer.ended).isNotDone();
    }

    @Test
    void aTapOnANodeAtItsSessionBoundIsToldAtOnce() throws Exception {
        start(Map.of("polyplex.proxy.session.max-sessions", "1"));
        proxy.channel(1, source(1, upstream.url("/live/a")));
        Watcher viewer = proxy.open(1, 0);
        proxy.await("one session", WAIT, () -> viewer.total > 0);
        Capture refused = new Capture();
        proxy.registry.tap(proxy.channel(2, source(2, upstream.url("/live/a"))), "test", refused);
        assertThat(refused.ended.get(WAIT.toSeconds(), TimeUnit.SECONDS)).contains("most sessions");
        assertThat(proxy.registry.sessionCount()).isEqualTo(1);
    }
}
