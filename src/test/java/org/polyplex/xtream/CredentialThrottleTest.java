package org.polyplex.xtream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.unique;

import java.util.Map;

import jakarta.inject.Inject;

import org.polyplex.testsupport.FromAddress;
import org.polyplex.testsupport.FromAddress.Reply;
import org.polyplex.testsupport.ProductionGuards;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.vertx.core.Vertx;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;

/**
 * Every entry point that takes Xtream credentials goes through the one bad-login throttle: after
 * {@link ProductionGuards#MAX_FAILURES} wrong passwords from an address, that address gets 429 with
 * {@code Retry-After} for a wrong and for the right password alike (no password oracle), while
 * the right password from another address still works.
 */
@QuarkusTest
@TestProfile(ProductionGuards.class)
class CredentialThrottleTest {

    private static final String PASSWORD = "line-pass-1";
    private static final long NO_SUCH_ID = 987_654_321L;

    /** One request of an entry point, made with the given password. */
    private interface Call {
        Reply make(FromAddress client, String password);
    }

    @Inject
    Vertx vertx;

    private String user;

    @BeforeEach
    void line() {
        user = unique("line");
        create("/api/users", Map.of("username", user, "password", PASSWORD));
    }

    @Test
    void shouldThrottlePlayerApiGetWhenAddressFailedTooOften() {
        assertThrottled(200, (c, p) -> c.get("/player_api.php?username=" + user + "&password=" + p));
    }

    @Test
    void shouldThrottlePlayerApiPostWhenAddressFailedTooOften() {
        assertThrottled(200, (c, p) -> c.postForm("/player_api.php", Map.of("username", user, "password", p)));
    }

    @Test
    void shouldThrottlePanelApiWhenAddressFailedTooOften() {
        assertThrottled(200, (c, p) -> c.get("/panel_api.php?username=" + user + "&password=" + p));
    }

    @Test
    void shouldThrottleShortEpgFastPathWhenAddressFailedTooOften() {
        Call shortEpg = (c, p) -> c.get("/player_api.php?action=get_short_epg&stream_id=" + NO_SUCH_ID
                + "&username=" + user + "&password=" + p);
        // the right password is now in the memo: the event-loop fast path would answer it
        assertThat(call(FromAddress.fresh(), shortEpg, PASSWORD).body()).contains("epg_listings");
        assertThrottled(200, shortEpg);
    }

    @Test
    void shouldThrottleGetPhpWhenAddressFailedTooOften() {
        assertThrottled(200, (c, p) -> c.get("/get.php?type=m3u&username=" + user + "&password=" + p));
    }

    @Test
    void shouldThrottleXmltvWhenAddressFailedTooOften() {
        assertThrottled(200, (c, p) -> c.get("/xmltv.php?username=" + user + "&password=" + p));
    }

    @Test
    void shouldThrottleLiveTsWhenAddressFailedTooOften() {
        assertThrottled(404, (c, p) -> c.get("/live/" + user + "/" + p + "/" + NO_SUCH_ID + ".ts"));
    }

    @Test
    void shouldThrottleLiveM3u8WhenAddressFailedTooOften() {
        assertThrottled(404, (c, p) -> c.get("/live/" + user + "/" + p + "/" + NO_SUCH_ID + ".m3u8"));
    }

    @Test
    void shouldThrottleLiveWithoutExtensionWhenAddressFailedTooOften() {
        assertThrottled(404, (c, p) -> c.get("/live/" + user + "/" + p + "/" + NO_SUCH_ID));
    }

    @Test
    void shouldThrottleShortStreamFormWhenAddressFailedTooOften() {
        assertThrottled(404, (c, p) -> c.get("/" + user + "/" + p + "/" + NO_SUCH_ID));
    }

    @Test
    void shouldThrottleShortTsFormWhenAddressFailedTooOften() {
        assertThrottled(404, (c, p) -> c.get("/" + user + "/" + p + "/" + NO_SUCH_ID + ".ts"));
    }

    @Test
    void shouldThrottleHeadOnLiveWhenAddressFailedTooOften() {
        assertThrottled(404, (c, p) -> c.head("/live/" + user + "/" + p + "/" + NO_SUCH_ID + ".ts"));
    }

    @Test
    void shouldThrottleHeadOnShortFormWhenAddressFailedTooOften() {
        assertThrottled(404, (c, p) -> c.head("/" + user + "/" + p + "/" + NO_SUCH_ID));
    }

    @Test
    void shouldThrottleMovieWhenAddressFailedTooOften() {
        assertThrottled(404, (c, p) -> c.get("/movie/" + user + "/" + p + "/" + NO_SUCH_ID + ".mp4"));
    }

    @Test
    void shouldThrottleHeadOnMovieWhenAddressFailedTooOften() {
        assertThrottled(404, (c, p) -> c.head("/movie/" + user + "/" + p + "/" + NO_SUCH_ID + ".mp4"));
    }

    @Test
    void shouldThrottleSeriesWhenAddressFailedTooOften() {
        assertThrottled(404, (c, p) -> c.get("/series/" + user + "/" + p + "/" + NO_SUCH_ID + ".mkv"));
    }

    @Test
    void shouldThrottleLegacyStreamingQueryWhenAddressFailedTooOften() {
        assertThrottled(404, (c, p) -> c.get("/streaming/clients_movie.php?stream=" + NO_SUCH_ID
                + "&username=" + user + "&password=" + p));
    }

    @Test
    void shouldThrottleHdhrDiscoverWhenAddressFailedTooOften() {
        assertThrottled(200, (c, p) -> c.get("/hdhr/" + user + "/" + p + "/discover.json"));
    }

    @Test
    void shouldThrottleHdhrLineupWhenAddressFailedTooOften() {
        assertThrottled(200, (c, p) -> c.get("/hdhr/" + user + "/" + p + "/lineup.json"));
    }

    @Test
    void shouldThrottleHdhrLineupStatusWhenAddressFailedTooOften() {
        assertThrottled(200, (c, p) -> c.get("/hdhr/" + user + "/" + p + "/lineup_status.json"));
    }

    @Test
    void shouldThrottleHdhrDeviceXmlWhenAddressFailedTooOften() {
        assertThrottled(200, (c, p) -> c.get("/hdhr/" + user + "/" + p + "/device.xml"));
    }

    @Test
    void shouldThrottleOverlongCredentialsLikeWrongOnes() {
        String huge = "x".repeat(300);
        String attacker = FromAddress.fresh();
        for (int i = 0; i <= ProductionGuards.MAX_FAILURES; i++) {
            call(attacker, (c, p) -> c.get("/get.php?username=" + huge + "&password=" + p), huge);
        }
        assertTooMany(call(attacker, (c, p) -> c.get("/get.php?username=" + user + "&password=" + p), PASSWORD));
    }

    /**
     * Wrong passwords from a fresh address until the limit, then 429 for wrong and right alike;
     * the right password from another address still gets {@code rightStatus}.
     */
    private void assertThrottled(int rightStatus, Call entryPoint) {
        String attacker = FromAddress.fresh();
        for (int i = 0; i < ProductionGuards.MAX_FAILURES; i++) {
            assertThat(call(attacker, entryPoint, "wrong-" + i).status()).as("bad login %d", i).isNotEqualTo(429);
        }
        assertTooMany(call(attacker, entryPoint, "wrong-last"));
        assertTooMany(call(attacker, entryPoint, PASSWORD));
        Reply elsewhere = call(FromAddress.fresh(), entryPoint, PASSWORD);
        assertThat(elsewhere.status()).as("right password from another address").isEqualTo(rightStatus);
        assertThat(elsewhere.body()).doesNotContain("\"auth\":0");
    }

    private static void assertTooMany(Reply reply) {
        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.headers().get("Retry-After")).isNotBlank();
        assertThat(Long.parseLong(reply.headers().get("Retry-After"))).isPositive();
    }

    private Reply call(String address, Call entryPoint, String password) {
        try (FromAddress client = new FromAddress(vertx, address, RestAssured.port)) {
            return entryPoint.make(client, password);
        }
    }
}
