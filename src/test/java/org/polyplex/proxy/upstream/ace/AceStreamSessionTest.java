package org.polyplex.proxy.upstream.ace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.polyplex.proxy.ProxyHarness;
import org.polyplex.proxy.ProxyHarness.Watcher;
import org.polyplex.proxy.upstream.UpstreamFactory;
import org.polyplex.testsupport.FakeAceEngine;
import org.polyplex.testsupport.FakeAceEngine.Mode;
import org.polyplex.testsupport.TsFixtures;

import io.vertx.core.Vertx;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * AceStream channels through the real session machinery against the fake engine: one engine
 * session per channel, unique pids, stop once after linger, stat-driven failover and engine
 * errors. Plain Vert.x, real sockets, no sleeps.
 */
class AceStreamSessionTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String OK = "a".repeat(40);
    private static final String OK2 = "b".repeat(40);
    private static final String BAD = "c".repeat(40);
    private static final String UNKNOWN = "d".repeat(40);

    private ProxyHarness proxy;
    private FakeAceEngine engine;
    private Vertx engineVertx;
    private AceStreamEngine aceEngine;

    private void start(Mode badMode) {
        // The fake listens first (on its own Vert.x) so that its URL can go into the config.
        engineVertx = Vertx.vertx();
        byte[] ts = TsFixtures.read(TsFixtures.h264(6, 600));
        engine = new FakeAceEngine(engineVertx, 2_000_000).content(OK, ts, Mode.OK).content(OK2, ts, Mode.OK)
                .content(BAD, ts, badMode).start();
        Map<String, String> props = new HashMap<>();
        props.put("polyplex.acestream.engine-url", engine.url());
        props.put("polyplex.proxy.session.linger", "300ms");
        props.put("polyplex.proxy.session.tick", "50ms");
        props.put("polyplex.proxy.failover.backoff-initial", "100ms");
        props.put("polyplex.acestream.stat-interval", "100ms");
        props.put("polyplex.acestream.prebuf-max", "1s");
        props.put("polyplex.acestream.no-peers-max", "1s");
        props.put("polyplex.acestream.livepos-stall-max", "1s");
        props.put("polyplex.acestream.request-timeout", "2s");
        proxy = new ProxyHarness(props, List.of(AceStreamConfig.class), (client, h) -> UpstreamFactory.of(
                client, h.proxyConfig(),
                aceEngine = new AceStreamEngine(h.vertx, client, h.config(AceStreamConfig.class)),
                null, List.of()));
    }

    private static String ace(String id) {
        return "acestream://" + id;
    }

    private void channel(long id, String... urls) {
        proxy.channel(id, urls);
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (engineVertx != null) {
            ProxyHarness.join(engineVertx.close());
        }
    }

    @Test
    void manyViewersShareOneEngineSessionAndStopIsSentOnceAfterLinger() {
        start(Mode.OK);
        channel(1, ace(OK));
        List<Watcher> viewers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            viewers.add(proxy.open(1, 0));
        }
        proxy.await("every viewer gets data", WAIT, () -> viewers.stream().allMatch(v -> v.total > 50_000));
        assertThat(engine.getstreamRequests()).isEqualTo(1);
        assertThat(engine.sessions(OK)).hasSize(1);
        viewers.subList(1, 20).forEach(Watcher::close);
        long before = viewers.get(0).total;
        proxy.await("the last viewer keeps getting data", WAIT, () -> viewers.get(0).total > before + 50_000);
        assertThat(engine.stops(OK)).as("no stop while a viewer remains").isZero();
        viewers.get(0).close();
        proxy.await("the session closes after linger", WAIT, () -> proxy.sessions() == 0);
        proxy.await("the engine got the stop", WAIT, () -> engine.stops(OK) == 1);
        assertThat(engine.active(OK)).isZero();

        Watcher again = proxy.open(1, 0);
        proxy.await("a new viewer plays again", WAIT, () -> again.total > 50_000);
        assertThat(engine.sessions(OK)).hasSize(2);
        assertThat(engine.sessions(OK).get(1).pid).isNotEqualTo(engine.sessions(OK).get(0).pid);
        assertThat(engine.stops(OK)).isEqualTo(1);
    }

    @Test
    void everySessionAsksWithItsOwnPid() {
        start(Mode.OK);
        channel(1, ace(OK));
        channel(2, ace(OK));
        channel(3, ace(OK2));
        Watcher a = proxy.open(1, 0);
        Watcher b = proxy.open(2, 0);
        Watcher c = proxy.open(3, 0);
        proxy.await("all three play", WAIT, () -> a.total > 50_000 && b.total > 50_000 && c.total > 50_000);
        List<String> pids = new ArrayList<>();
        engine.sessions(OK).forEach(s -> pids.add(s.pid));
        engine.sessions(OK2).forEach(s -> pids.add(s.pid));
        assertThat(pids).hasSize(3).doesNotHaveDuplicates().allMatch(p -> p.startsWith("polyplex-"));
        assertThat(engine.active(OK)).as("same content, two channels: two engine sessions kept").isEqualTo(2);
    }

    @Test
    void closingEverySessionAtShutdownDeliversTheStopBeforeTheClientGoes() {
        start(Mode.OK);
        channel(1, ace(OK));
        Watcher viewer = proxy.open(1, 0);
        proxy.await("the viewer plays", WAIT, () -> viewer.total > 50_000);
        ProxyHarness.join(proxy.registry.closeAll("server shutting down").compose(v -> aceEngine.commandsSent()));
        assertThat(engine.stops(OK)).as("answered before the future completed").isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = { "PREBUF_FOREVER", "NO_PEERS", "FROZEN" })
    void statVerdictFailsOverToTheNextSourceAndStopsTheBadSession(Mode mode) {
        start(mode);
        channel(1, ace(BAD), ace(OK));
        Watcher viewer = proxy.open(1, 0);
        proxy.await("the next source plays", WAIT, () -> !engine.sessions(OK).isEmpty() && viewer.total > 100_000);
        assertThat(viewer.ended).isNotDone();
        assertThat(engine.sessions(BAD)).hasSize(1);
        proxy.await("the bad session was stopped", WAIT, () -> engine.stops(BAD) == 1);
        assertThat(engine.stops(OK)).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = { "GARBAGE", "HANG" })
    void engineGarbageOrSilenceFailsOver(Mode mode) {
        start(mode);
        channel(1, ace(BAD), ace(OK));
        Watcher viewer = proxy.open(1, 0);
        proxy.await("the next source plays", WAIT, () -> viewer.total > 100_000);
        assertThat(engine.sessions(BAD)).isEmpty();
        assertThat(viewer.ended).isNotDone();
    }

    @Test
    void engineErrorAnswerFailsOver() {
        start(Mode.OK);
        channel(1, ace(UNKNOWN), ace(OK));
        Watcher viewer = proxy.open(1, 0);
        proxy.await("the next source plays", WAIT, () -> viewer.total > 100_000);
        assertThat(engine.getstreamRequests()).isEqualTo(2);
        assertThat(viewer.ended).isNotDone();
    }

    @Test
    void contentIdsAreValidated() {
        assertThat(AceStreamEngine.contentId("acestream://" + "AB".repeat(20))).contains("ab".repeat(20));
        assertThat(AceStreamEngine.contentId("acestream://" + OK + "/")).contains(OK);
        assertThat(AceStreamEngine.contentId("acestream://xyz")).isEmpty();
        assertThat(AceStreamEngine.contentId("acestream://" + OK + "&pid=1")).isEmpty();
        assertThat(AceStreamEngine.contentId("http://host/" + OK)).isEmpty();
    }

}
