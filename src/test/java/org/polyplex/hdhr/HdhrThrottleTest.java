package org.polyplex.hdhr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.unique;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.polyplex.testsupport.FromAddress;
import org.polyplex.testsupport.FromAddress.Reply;
import org.polyplex.testsupport.ThrottledLogins;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.vertx.core.Vertx;

import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;

/**
 * The tuner pages go through the one bad-login throttle of every line endpoint: after
 * {@link ThrottledLogins#MAX_FAILURES} wrong passwords from an address, 429 with
 * {@code Retry-After} for wrong and right passwords alike, while another address still gets in.
 */
@QuarkusTest
@TestProfile(ThrottledLogins.class)
class HdhrThrottleTest {

    private static final String PASSWORD = "line-pass-1";

    @Inject
    Vertx vertx;

    @Test
    void shouldThrottleEveryTunerPageWhenAnAddressFailedTooOften() {
        String user = unique("tuner");
        create("/api/users", Map.of("username", user, "password", PASSWORD));
        for (String page : List.of("discover.json", "lineup.json", "lineup_status.json", "device.xml")) {
            String attacker = FromAddress.fresh();
            for (int i = 0; i < ThrottledLogins.MAX_FAILURES; i++) {
                assertThat(get(attacker, user, "wrong-" + i, page).status()).as("%s bad login %d", page, i)
                        .isEqualTo(401);
            }
            assertTooMany(get(attacker, user, "wrong-last", page));
            assertTooMany(get(attacker, user, PASSWORD, page));
            assertThat(get(FromAddress.fresh(), user, PASSWORD, page).status()).as(page).isEqualTo(200);
        }
    }

    private static void assertTooMany(Reply reply) {
        assertThat(reply.status()).isEqualTo(429);
        assertThat(Long.parseLong(reply.headers().get("Retry-After"))).isPositive();
    }

    private Reply get(String address, String user, String password, String page) {
        try (FromAddress client = new FromAddress(vertx, address, RestAssured.port)) {
            return client.get("/hdhr/" + user + "/" + password + "/" + page);
        }
    }
}
