package org.polyplex.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.createChannel;
import static org.polyplex.testsupport.AdminApi.unique;

import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;

import org.polyplex.testsupport.TsFixtures;
import org.polyplex.testsupport.TsServer;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.vertx.core.Vertx;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * With {@code polyplex.proxy.limits.policy=replace-oldest}, a line at its limit that opens
 * another channel is admitted and its oldest viewer is ended, instead of a 403; the same channel
 * from the same address still shares the slot and ends nobody.
 */
@QuarkusTest
@TestProfile(ReplaceOldestTest.ReplaceOldest.class)
class ReplaceOldestTest {

    /**
     * The replace-oldest policy, in a configuration written before slots were shared: its retired
     * {@code same-viewer-window} key must not stop the start.
     */
    public static class ReplaceOldest implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("polyplex.proxy.limits.policy", "replace-oldest",
                    "polyplex.proxy.limits.same-viewer-window", "10s");
        }
    }

    private static final String PASSWORD = "s3cret-pw";
    private static Vertx vertx;

    @TestHTTPResource("/")
    URL base;

    @AfterAll
    static void stopUpstream() {
        if (vertx != null) {
            vertx.close();
        }
    }

    @Test
    void theSameChannelFromTheSameAddressSharesTheSlotEvenUnderReplaceOldest() {
        vertx = vertx == null ? Vertx.vertx() : vertx;
        TsServer upstream = new TsServer(vertx, 4_000_000).stream("a", TsFixtures.read(TsFixtures.h264(6, 600))).start();
        long channel = createChannel("shared", upstream.url("/live/a"));
        String user = unique("line");
        create("/api/users", Map.of("username", user, "password", PASSWORD, "maxConnections", 1));
        String root = base.toString().replaceAll("/$", "");
        HttpResponse<InputStream> first = ProxyHarness.play(root, "/live/%s/%s/%d.ts".formatted(user, PASSWORD, channel));
        ProxyHarness.read(first, 188);
        HttpResponse<InputStream> second = ProxyHarness.play(root, "/live/%s/%s/%d.ts".formatted(user, PASSWORD, channel));
        assertThat(second.statusCode()).isEqualTo(200);
        ProxyHarness.read(second, 188);
        assertThat(ProxyHarness.read(first, 188 * 100)).as("the first TV is not replaced").hasSize(188 * 100);
        ProxyHarness.closeStream(first);
        ProxyHarness.closeStream(second);
    }

    @Test
    void aNewChannelOverTheLimitEndsTheOldestViewer() {
        vertx = vertx == null ? Vertx.vertx() : vertx;
        TsServer upstream = new TsServer(vertx, 4_000_000).stream("a", TsFixtures.read(TsFixtures.h264(6, 600))).start();
        long first = createChannel("one", upstream.url("/live/a"));
        long second = createChannel("two", upstream.url("/live/a"));
        String user = unique("line");
        create("/api/users", Map.of("username", user, "password", PASSWORD, "maxConnections", 1));
        String root = base.toString().replaceAll("/$", "");

        HttpResponse<InputStream> oldest = ProxyHarness.play(root, "/live/%s/%s/%d.ts".formatted(user, PASSWORD, first));
        assertThat(oldest.statusCode()).isEqualTo(200);
        ProxyHarness.read(oldest, 188);

        HttpResponse<InputStream> newest = ProxyHarness.play(root, "/live/%s/%s/%d.ts".formatted(user, PASSWORD, second));
        assertThat(newest.statusCode()).as("admitted, not refused").isEqualTo(200);
        assertThat(ProxyHarness.read(newest, 188)[0]).isEqualTo((byte) 0x47);
        ProxyHarness.assertEndsWithin(oldest, 10);
        ProxyHarness.closeStream(newest);
    }
}
