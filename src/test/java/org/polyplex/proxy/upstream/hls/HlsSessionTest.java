package org.polyplex.proxy.upstream.hls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.polyplex.proxy.ProxyHarness;
import org.polyplex.proxy.ProxyHarness.Watcher;
import org.polyplex.proxy.upstream.UpstreamFactory;
import org.polyplex.testsupport.TsFixtures;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HLS channel sources through the real session machinery: real ffmpeg HLS served live on
 * loopback, TS viewers decoding the result, and every bad input failing over. No sleeps.
 */
class HlsSessionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private ProxyHarness proxy;
    private LiveHlsServer origin;

    private void start(Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(extra);
        props.put("polyplex.proxy.session.tick", "50ms");
        props.put("polyplex.proxy.failover.backoff-initial", "100ms");
        props.put("polyplex.hls.upstream.request-timeout", "3s");
        proxy = new ProxyHarness(props, List.of(HlsConfig.class), (client, h) -> UpstreamFactory.of(
                client, h.proxyConfig(), null,
                new HlsSources(h.vertx, client, h.config(HlsConfig.class).upstream()), List.of()));
        origin = new LiveHlsServer(proxy.vertx, 8).start();
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void tsViewersOfAnHlsChannelDecodeAndEachSegmentIsFetchedOnceInOrder() throws Exception {
        start(Map.of());
        proxy.channel(1, origin.url("/live.m3u8"));
        Watcher first = proxy.open(1, 4_000_000);
        Watcher second = proxy.open(1, 0);
        proxy.await("six segments flowed", WAIT, () -> origin.segmentOrder().size() >= 6 && second.total > 300_000);
        first.close();
        second.close();
        List<Long> order = origin.segmentOrder();
        assertThat(order).doesNotHaveDuplicates().isSorted();
        for (int i = 1; i < order.size(); i++) {
            assertThat(order.get(i)).as("no segment skipped").isEqualTo(order.get(i - 1) + 1);
        }
        Path captured = Files.createTempFile("hls-ts-viewer", ".ts");
        Files.write(captured, TsFixtures.wholeFrames(first.bytes()));
        assertThat(TsFixtures.firstVideoFrames(captured, 1)).containsExactly("1,I");
        assertThat(TsFixtures.decodeErrors(captured)).isEmpty();
        Files.delete(captured);
    }

    @Test
    void aMasterPlaylistPlaysTheVariantUnderTheBandwidthCap() {
        start(Map.of("polyplex.hls.upstream.max-bandwidth", "1000000"));
        proxy.channel(1, origin.url("/master.m3u8"));
        Watcher viewer = proxy.open(1, 0);
        proxy.await("the variant plays", WAIT, () -> viewer.total > 200_000);
        assertThat(origin.requests("/live.m3u8")).isPositive();
        assertThat(origin.requests("/hi.m3u8")).isZero();
    }

    @Test
    void aes128SegmentsAreDecryptedWithTheKeyFetchedOnce() throws Exception {
        start(Map.of());
        proxy.channel(1, origin.url("/enc.m3u8"));
        Watcher viewer = proxy.open(1, 2_000_000);
        proxy.await("decrypted segments flow", WAIT, () -> viewer.total > 400_000);
        viewer.close();
        assertThat(origin.requests("/key")).isEqualTo(1);
        Path captured = Files.createTempFile("hls-aes", ".ts");
        Files.write(captured, TsFixtures.wholeFrames(viewer.bytes()));
        assertThat(TsFixtures.firstVideoFrames(captured, 1)).containsExactly("1,I");
        assertThat(TsFixtures.decodeErrors(captured)).isEmpty();
        Files.delete(captured);
    }

    @Test
    void aReloadThatFailsNowAndThenIsRetriedNotFailedOver() {
        start(Map.of());
        proxy.channel(1, origin.url("/flaky.m3u8"));
        Watcher viewer = proxy.open(1, 0);
        proxy.await("segments keep flowing across failed reloads", WAIT,
                () -> origin.requests("/flaky.m3u8") >= 6 && origin.segmentOrder().size() >= 5);
        assertThat(proxy.failovers()).isZero();
        assertThat(viewer.ended).isNotDone();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/loop.m3u8", "/malformed.m3u8", "/missing.m3u8", "/frozen.m3u8", "/nothing.m3u8" })
    void badSourcesFailOverToTheNextOne(String bad) {
        start(Map.of());
        proxy.channel(1, origin.url(bad), origin.url("/live.m3u8"));
        Watcher viewer = proxy.open(1, 0);
        proxy.await("the next source plays", WAIT, () -> origin.requests("/live.m3u8") > 0 && viewer.total > 200_000);
        assertThat(viewer.ended).isNotDone();
        if (bad.equals("/loop.m3u8")) {
            assertThat(origin.requests("/loop.m3u8")).as("bounded master depth").isEqualTo(4);
        }
    }
}
