package org.polyplex.platform.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.createChannel;
import static org.polyplex.testsupport.AdminApi.unique;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.junit.jupiter.api.Test;

/**
 * The Xtream control plane under {@link RequestLimits}: while one large answer of a line is being
 * built, that line's next request answers 429, and every large answer of another line (lists,
 * playlist, guide, panel) answers 503 with Retry-After; the held answer then completes whole.
 */
@QuarkusTest
@TestProfile(XtreamLoadTest.Tight.class)
class XtreamLoadTest {

    /** One request per line, one large answer in flight, no queue, one builder. */
    public static class Tight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("polyplex.load.per-line", "1", "polyplex.load.heavy.in-flight", "1",
                    "polyplex.load.heavy.queue", "0", "polyplex.load.heavy.builders", "1");
        }
    }

    private static final String PASSWORD = "load-pass";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URL base;

    @Inject
    RequestLimits limits;

    @Test
    void shouldRefuseOverTheLineShareAndShedLargeAnswersWhileOneIsBuilt() throws Exception {
        createChannel("load", "http://upstream.example/load.ts");
        String first = unique("loadA");
        String second = unique("loadB");
        create("/api/users", Map.of("username", first, "password", PASSWORD));
        create("/api/users", Map.of("username", second, "password", PASSWORD));

        limits.builders().acquire();
        CompletableFuture<HttpResponse<String>> held;
        try {
            held = HTTP.sendAsync(get(api(first, "get_live_streams")), HttpResponse.BodyHandlers.ofString());
            awaitHeavyTaken();
            HttpResponse<String> sameLine = HTTP.send(get(api(first, "get_live_categories")),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(sameLine.statusCode()).isEqualTo(429);
            assertThat(sameLine.headers().firstValue("Retry-After")).contains("1");
            for (String path : new String[] { api(second, "get_live_streams"), api(second, "get_vod_streams"),
                    "/get.php?type=m3u_plus&" + login(second), "/xmltv.php?" + login(second),
                    "/panel_api.php?" + login(second) }) {
                HttpResponse<String> shed = HTTP.send(get(path), HttpResponse.BodyHandlers.ofString());
                assertThat(shed.statusCode()).as(path).isEqualTo(503);
                assertThat(shed.headers().firstValue("Retry-After")).as(path).contains("1");
            }
            assertThat(HTTP.send(get(api(second, "get_live_categories")), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).as("small answers are not shed").isEqualTo(200);
        } finally {
            limits.builders().release();
        }
        HttpResponse<String> done = held.get(20, TimeUnit.SECONDS);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).startsWith("[").endsWith("]").contains("\"name\"");
        assertThat(HTTP.send(get(api(second, "get_live_streams")), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
    }

    private void awaitHeavyTaken() {
        await("the first list is being built").atMost(Duration.ofSeconds(10))
                .until(() -> limits.heavyAvailable() == 0);
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path)).build();
    }

    private static String api(String user, String action) {
        return "/player_api.php?action=" + action + "&" + login(user);
    }

    private static String login(String user) {
        return "username=" + user + "&password=" + PASSWORD;
    }
}
