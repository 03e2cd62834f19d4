package org.polyplex.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.createChannel;
import static org.polyplex.testsupport.AdminApi.unique;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.polyplex.proxy.session.SessionRegistry;
import org.polyplex.proxy.ts.TsPacket;
import org.polyplex.testsupport.TsFixtures;
import org.polyplex.testsupport.TsServer;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.vertx.core.Vertx;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The node caps through the real stream route: a viewer that would need a session beyond
 * {@code max-sessions}, or join a session at {@code max-viewers}, gets a JSON {@code 503} and no
 * stream byte, no upstream is touched for it, and the next one is admitted once a viewer left.
 */
@QuarkusTest
@TestProfile(NodeCapsTest.OneOfEach.class)
class NodeCapsTest {

    /** One session of one viewer per node, ended as soon as its viewer leaves. */
    public static class OneOfEach implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("polyplex.proxy.session.max-sessions", "1", "polyplex.proxy.session.max-viewers", "1",
                    "polyplex.proxy.session.linger", "0s");
        }
    }

    private static final String PASSWORD = "caps-s3cret";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static Vertx vertx;
    private static TsServer upstream;
    private static long first;
    private static long second;

    @TestHTTPResource("/")
    URL base;

    @Inject
    SessionRegistry registry;

    @BeforeEach
    void fixtures() {
        if (upstream != null) {
            return;
        }
        vertx = Vertx.vertx();
        byte[] ts = TsFixtures.read(TsFixtures.h264(6, 600));
        upstream = new TsServer(vertx, 4_000_000).stream("a", ts).stream("b", ts).start();
        first = createChannel("caps-a", upstream.url("/live/a"));
        second = createChannel("caps-b", upstream.url("/live/b"));
    }

    @AfterAll
    static void stopUpstream() {
        if (vertx != null) {
            vertx.close();
        }
    }

    private static String user() {
        String name = unique("caps");
        create("/api/users", Map.of("username", name, "password", PASSWORD, "maxConnections", 5));
        return name;
    }

    private HttpResponse<InputStream> play(String user, long channel) {
        return ProxyHarness.play(base.toString().replaceAll("/$", ""),
                "/live/%s/%s/%d.ts".formatted(user, PASSWORD, channel));
    }

    private static void assertStreams(HttpResponse<InputStream> stream) {
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(ProxyHarness.firstPidAfterKeepalive(stream, 1000)).isEqualTo(TsPacket.PAT_PID);
    }

    private static String refusal(HttpResponse<InputStream> refused) throws IOException {
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("content-type")).hasValue("application/json");
        try (InputStream body = refused.body()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void awaitNoSession() {
        Awaitility.await("the session ended").atMost(WAIT).until(() -> registry.sessionCount() == 0);
    }

    @Test
    void aViewerBeyondTheCapsIsRefusedBeforeAnyByteAndAdmittedOnceOneLeaves() throws IOException {
        awaitNoSession();
        HttpResponse<InputStream> watching = play(user(), first);
        assertStreams(watching);

        HttpResponse<InputStream> crowded = play(user(), first);
        assertThat(crowded.headers().firstValue("retry-after")).isPresent();
        assertThat(refusal(crowded)).contains("\"code\":\"too_many_viewers\"");
        HttpResponse<InputStream> full = play(user(), second);
        assertThat(full.headers().firstValue("retry-after")).isPresent();
        assertThat(refusal(full)).contains("\"code\":\"too_many_sessions\"");
        assertThat(upstream.requests("/live/a")).as("one upstream for the one viewer").isEqualTo(1);
        assertThat(upstream.requests("/live/b")).as("no upstream for a refusal").isZero();

        ProxyHarness.closeStream(watching);
        awaitNoSession();
        HttpResponse<InputStream> next = play(user(), second);
        assertStreams(next);
        ProxyHarness.closeStream(next);
        awaitNoSession();
    }
}
