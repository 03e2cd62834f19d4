package org.polyplex.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.createChannel;
import static org.polyplex.testsupport.AdminApi.unique;

import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.polyplex.testsupport.TsFixtures;
import org.polyplex.testsupport.TsServer;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import io.vertx.core.Vertx;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two (or five) TVs in one home: players of one line behind one address on one channel share one
 * connection slot and all keep playing; the per-address cap refuses one more; a reconnect does not
 * take a second slot; another channel still does. The players are real ffmpeg clients reading at
 * the stream's pace, from 127.0.0.1 (one home); every one of them must decode its whole run.
 */
@QuarkusTest
class HouseholdTest {

    private static final String PASSWORD = "home-s3cret";
    /** Seconds of stream each ffmpeg player decodes, at 25 frames per second. */
    private static final int RUN_SECONDS = 12;
    private static final int FPS = 25;
    private static Vertx vertx;
    private static TsServer upstream;
    private static long match;
    private static long news;
    private static long film;

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void fixtures() {
        if (upstream != null) {
            return;
        }
        vertx = Vertx.vertx();
        // a minute of 600 kbit/s video, played a little faster than real time so that players never wait
        upstream = new TsServer(vertx, 1_000_000).stream("a", TsFixtures.read(TsFixtures.h264(60, 600))).start();
        match = createChannel("match", upstream.url("/live/a"));
        news = createChannel("news", upstream.url("/live/a"));
        film = createChannel("film", upstream.url("/live/a"));
    }

    @AfterAll
    static void stopUpstream() {
        if (vertx != null) {
            vertx.close();
        }
    }

    private static String line(int maxConnections) {
        String name = unique("home");
        create("/api/users", Map.of("username", name, "password", PASSWORD, "maxConnections", maxConnections));
        return name;
    }

    private String root() {
        return base.toString().replaceAll("/$", "");
    }

    private String path(String user, long channel) {
        return "/live/%s/%s/%d.ts".formatted(user, PASSWORD, channel);
    }

    private static int activeCons(String user) {
        return Integer.parseInt(given().queryParam("username", user).queryParam("password", PASSWORD)
                .get("/player_api.php").then().statusCode(200).extract().jsonPath().getString("user_info.active_cons"));
    }

    /** The line's viewers in {@code /api/sessions}: their slot ids, one entry per viewer. */
    private static List<Integer> slots(String user) {
        return asAdmin().get("/api/sessions").then().statusCode(200).extract().jsonPath()
                .getList("viewers.findAll { it.username == '" + user + "' }.slot", Integer.class);
    }

    private static void await(String what, Duration atMost, BooleanSupplier condition) {
        Awaitility.await(what).atMost(atMost).pollInterval(Duration.ofMillis(100)).until(condition::getAsBoolean);
    }

    @Test
    void fiveFfmpegPlayersOfOneHomeShareOneSlotAndEachPlaysItsWholeRun() {
        String user = line(2);
        List<ProxyHarness.FfmpegPlayer> players = new ArrayList<>();
        try {
            for (int i = 1; i <= 5; i++) {
                players.add(ProxyHarness.ffmpeg(root() + path(user, match), RUN_SECONDS));
                // the next TV is switched on a second after this one
                long switchedOn = System.nanoTime();
                await("a second after player " + i, Duration.ofSeconds(3),
                        () -> System.nanoTime() - switchedOn >= Duration.ofSeconds(1).toNanos());
            }
            for (ProxyHarness.FfmpegPlayer player : players) {
                player.awaitPlaying(Duration.ofSeconds(30));
            }
            await("all five players counted", Duration.ofSeconds(15), () -> slots(user).size() == 5);
            assertThat(players).as("nobody was cut off by a newer player").allMatch(ProxyHarness.FfmpegPlayer::running);
            assertThat(activeCons(user)).as("five players, one slot").isEqualTo(1);
            List<Integer> slots = slots(user);
            assertThat(slots).hasSize(5);
            assertThat(new HashSet<>(slots)).as("one slot with five viewers").hasSize(1);

            HttpResponse<InputStream> sixth = ProxyHarness.play(root(), path(user, match));
            assertThat(sixth.statusCode()).as("a sixth player beyond the per-address cap").isEqualTo(403);
            assertThat(new String(ProxyHarness.read(sixth, 4096), StandardCharsets.UTF_8))
                    .contains("max_shared_viewers")
                    .contains("maximum viewers of one channel from one address reached (5)");

            for (ProxyHarness.FfmpegPlayer player : players) {
                long frames = player.frames(Duration.ofSeconds(60));
                assertThat(frames).as("frames decoded of %d s (errors %s)", RUN_SECONDS, player.errors())
                        .isGreaterThanOrEqualTo(RUN_SECONDS * FPS * 9L / 10);
            }
        } finally {
            players.forEach(ProxyHarness.FfmpegPlayer::stop);
        }
        await("the slot is free once every player left", Duration.ofSeconds(15), () -> activeCons(user) == 0);
    }

    @Test
    void aPlayerThatDropsAndReconnectsDoesNotTakeASecondSlot() {
        String user = line(1);
        HttpResponse<InputStream> first = ProxyHarness.play(root(), path(user, match));
        assertThat(first.statusCode()).isEqualTo(200);
        ProxyHarness.read(first, 188 * 10);

        // reconnecting before the server knows the old connection is gone: both share the slot
        HttpResponse<InputStream> again = ProxyHarness.play(root(), path(user, match));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(activeCons(user)).isEqualTo(1);
        assertThat(ProxyHarness.read(first, 188 * 1000)).as("the old connection, still reading, keeps playing")
                .hasSize(188 * 1000);
        ProxyHarness.closeStream(first);
        ProxyHarness.read(again, 188 * 1000);
        assertThat(activeCons(user)).isEqualTo(1);

        // a clean drop frees the slot at once; the reconnect takes it again
        ProxyHarness.closeStream(again);
        await("the closed connection freed the slot", Duration.ofSeconds(10), () -> activeCons(user) == 0);
        HttpResponse<InputStream> back = ProxyHarness.play(root(), path(user, match));
        assertThat(back.statusCode()).isEqualTo(200);
        ProxyHarness.read(back, 188 * 10);
        assertThat(activeCons(user)).isEqualTo(1);
        given().get(path(user, news)).then().statusCode(403).body("code", equalTo("max_connections"));
        ProxyHarness.closeStream(back);
    }

    @Test
    void twoChannelsOfOneHomeAreTwoSlots() {
        String user = line(2);
        HttpResponse<InputStream> one = ProxyHarness.play(root(), path(user, match));
        HttpResponse<InputStream> two = ProxyHarness.play(root(), path(user, news));
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(two.statusCode()).isEqualTo(200);
        ProxyHarness.read(one, 188 * 10);
        ProxyHarness.read(two, 188 * 10);
        assertThat(activeCons(user)).isEqualTo(2);
        assertThat(new HashSet<>(slots(user))).hasSize(2);
        given().get(path(user, film)).then().statusCode(403)
                .body("code", equalTo("max_connections"))
                .body("message", equalTo("maximum connections reached (2)"));
        assertThat(ProxyHarness.read(one, 188 * 500)).as("the refusal ended nobody").hasSize(188 * 500);
        ProxyHarness.closeStream(one);
        ProxyHarness.closeStream(two);
    }
}
