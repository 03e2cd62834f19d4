package org.polyplex.accounts.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polyplex.testsupport.AdminApi.ADMIN_PASSWORD;

import jakarta.inject.Inject;

import org.polyplex.testsupport.FromAddress;
import org.polyplex.testsupport.FromAddress.Reply;
import org.polyplex.testsupport.ProductionGuards;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.vertx.core.Vertx;

import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;

/** {@code POST /api/auth/token} with the admin login throttle on, from distinct client addresses. */
@QuarkusTest
@TestProfile(ProductionGuards.class)
class TokenThrottleTest {

    @Inject
    Vertx vertx;

    @Test
    void shouldAnswer429ToWrongAndRightPasswordWhenTheAddressFailedTooOften() {
        String attacker = FromAddress.fresh();
        for (int i = 0; i < ProductionGuards.MAX_FAILURES; i++) {
            assertThat(login(attacker, "wrong-" + i).status()).isEqualTo(401);
        }
        assertTooMany(login(attacker, "wrong-last"));
        assertTooMany(login(attacker, ADMIN_PASSWORD));
        assertThat(login(FromAddress.fresh(), ADMIN_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void shouldIssueTheAdminATokenFromAnotherAddressWhenAttackersFailedForAdmin() {
        for (int a = 0; a < 2; a++) {
            String attacker = FromAddress.fresh();
            for (int i = 0; i <= ProductionGuards.MAX_FAILURES; i++) {
                login(attacker, "guess-" + a + "-" + i);
            }
        }
        Reply admin = login(FromAddress.fresh(), ADMIN_PASSWORD);
        assertThat(admin.status()).as(admin.body()).isEqualTo(200);
        assertThat(admin.body()).contains("access_token");
    }

    private Reply login(String address, String password) {
        try (FromAddress client = new FromAddress(vertx, address, RestAssured.port)) {
            return client.postJson("/api/auth/token", "{\"username\":\"admin\",\"password\":\"" + password + "\"}");
        }
    }

    private static void assertTooMany(Reply reply) {
        assertThat(reply.status()).isEqualTo(429);
        assertThat(Long.parseLong(reply.headers().get("Retry-After"))).isPositive();
    }
}
