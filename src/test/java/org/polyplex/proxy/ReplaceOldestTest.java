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
 * another channel is admitted and its oldest viewer is ended, instead of a 403.
 */
@QuarkusTest
@TestProfile(ReplaceOldestTest.ReplaceOldest.class)
class ReplaceOldestTest {

    /** The replace-oldest policy. */
    public static class ReplaceOldest implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("polyplex.proxy.limits.policy", "replace-oldest");
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
    void aNewChannelOverTheLimitEndsTheOldestViewer() {
        vertx = Vertx.vertx();
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
