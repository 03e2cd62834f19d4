package org.polyplex.proxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.polyplex.catalog.CatalogSnapshot.Source;
import org.polyplex.proxy.ProxyHarness;
import org.polyplex.proxy.ProxyHarness.Watcher;
import org.polyplex.proxy.upstream.hls.HlsConfig;
import org.polyplex.proxy.upstream.hls.HlsSources;
import org.polyplex.proxy.upstream.hls.LiveHlsServer;
import org.polyplex.testsupport.TsFixtures;
import org.polyplex.testsupport.TsServer;

import io.vertx.core.MultiMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A source's stream headers reach its real upstream: TS (redirect included) and HLS playlist, key and segments. */
@Timeout(90)
class StreamHeadersTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Map<String, String> HEADERS = Map.of("User-Agent", "Kodi/20.2", "Referer",
            "https://site.example/player", "Cookie", "sid=abc");

    private ProxyHarness proxy;

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    private static void assertHeaders(MultiMap seen) {
        assertThat(seen).as("a request came").isNotNull();
        assertThat(seen.get("User-Agent")).isEqualTo("Kodi/20.2");
        assertThat(seen.get("Referer")).isEqualTo("https://site.example/player");
        assertThat(seen.get("Cookie")).isEqualTo("sid=abc");
    }

    @Test
    void shouldSendSourceHeadersToTsUpstreamAndAfterItsRedirect() {
        proxy = new ProxyHarness(Map.of());
        TsServer upstream = new TsServer(proxy.vertx, 8_000_000).stream("a", TsFixtures.read(TsFixtures.h264(2, 600)))
                .start();
        proxy.channel(1, new Source(1, upstream.url("/moved/a"), 0, null, HEADERS));
        proxy.channel(2, new Source(2, upstream.url("/live/a"), 0, null, Map.of()));

        Watcher viewer = proxy.open(1, 0);
        proxy.await("the stream plays", WAIT, () -> viewer.total > 50_000);

        assertHeaders(upstream.lastHeaders("/moved/a"));
        assertHeaders(upstream.lastHeaders("/live/a"));
        assertThat(upstream.lastHeaders("/live/a").get("Accept")).isEqualTo("video/mp2t, */*");
        viewer.close();

        Watcher plain = proxy.open(2, 0);
        proxy.await("the plain stream plays", WAIT, () -> plain.total > 50_000);
        assertThat(upstream.lastHeaders("/live/a").get("Referer")).as("another source sends none").isNull();
        plain.close();
    }

    @Test
    void shouldSendSourceHeadersWithHlsPlaylistKeyAndSegmentRequests() {
        Map<String, String> props = new HashMap<>();
        props.put("polyplex.proxy.session.tick", "50ms");
        props.put("polyplex.hls.upstream.request-timeout", "3s");
        proxy = new ProxyHarness(props, List.of(HlsConfig.class), (client, h) -> UpstreamFactory.of(client,
                h.proxyConfig(), null, new HlsSources(h.vertx, client, h.config(HlsConfig.class).upstream()), List.of()));
        LiveHlsServer origin = new LiveHlsServer(proxy.vertx, 4).start();
        proxy.channel(1, new Source(1, origin.url("/enc.m3u8"), 0, null, HEADERS));

        Watcher viewer = proxy.open(1, 0);
        proxy.await("decrypted segments play", WAIT, () -> viewer.total > 100_000);

        assertHeaders(origin.lastHeaders("/enc.m3u8"));
        assertHeaders(origin.lastHeaders("/key"));
        assertHeaders(origin.lastSegmentHeaders());
        viewer.close();
    }
}
