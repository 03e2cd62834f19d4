package org.polyplex.accounts.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.unique;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.polyplex.testsupport.FromAddress;
import org.polyplex.testsupport.ProductionGuards;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The event-loop line login: what memory knows (a throttled address, a credential accepted
 * before, credentials too short or too long to hash) is answered before the call returns;
 * anything else takes one trip to a worker and comes back on the caller's context.
 */
@QuarkusTest
@TestProfile(ProductionGuards.class)
class LineAuthenticatorTest {

    private static final String PASSWORD = "memo-pass-1";

    /** One answer, and whether it was there when the call returned. */
    private record Answer(LineLogin login, boolean atOnce, boolean sameContext) {
    }

    @Inject
    LineAuthenticator lines;

    @Inject
    Vertx vertx;

    private String user;

    @BeforeEach
    void line() {
        user = unique("memo");
        create("/api/users", Map.of("username", user, "password", PASSWORD));
    }

    @Test
    void shouldHopOnceForANewCredentialThenAnswerFromMemory() throws Exception {
        String address = FromAddress.fresh();
        assertThat(lines.loginFromMemory(user, PASSWORD, address)).as("nothing known yet").isEmpty();
        // bcrypt refuses to run on an event loop, so an acceptance proves the hop to a worker
        // (whether it was back before the call returned depends on the cost and the scheduler)
        Answer first = onEventLoop(user, PASSWORD, address);
        assertThat(first.login()).isInstanceOf(LineLogin.Accepted.class);
        assertThat(first.sameContext()).isTrue();

        Answer again = onEventLoop(user, PASSWORD, address);
        assertThat(again.login()).isInstanceOf(LineLogin.Accepted.class);
        assertThat(again.atOnce()).as("a memo hit").isTrue();
    }

    @Test
    void shouldAnswerAThrottledAddressAtOnceWhateverThePassword() throws Exception {
        String address = FromAddress.fresh();
        for (int i = 0; i < ProductionGuards.MAX_FAILURES; i++) {
            assertThat(onEventLoop(user, "wrong-" + i, address).login()).isInstanceOf(LineLogin.Rejected.class);
        }
        Answer throttled = onEventLoop(user, PASSWORD, address);
        assertThat(throttled.login()).isInstanceOf(LineLogin.Throttled.class);
        assertThat(throttled.atOnce()).isTrue();
        assertThat(onEventLoop(user, PASSWORD, FromAddress.fresh()).login()).isInstanceOf(LineLogin.Accepted.class);
    }

    @Test
    void shouldCountUnusableCredentialsWithoutAHop() throws Exception {
        String address = FromAddress.fresh();
        for (int i = 0; i < ProductionGuards.MAX_FAILURES; i++) {
            Answer empty = onEventLoop(user, "", address);
            assertThat(empty.login()).isInstanceOf(LineLogin.Rejected.class);
            assertThat(empty.atOnce()).isTrue();
        }
        assertThat(onEventLoop(user, "x".repeat(300), address).login()).isInstanceOf(LineLogin.Throttled.class);
    }

    private Answer onEventLoop(String username, String password, String address) throws Exception {
        Context context = vertx.getOrCreateContext();
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        context.runOnContext(v -> {
            var login = lines.loginOnEventLoop(username, password, address);
            boolean atOnce = login.isComplete();
            login.onComplete(ar -> {
                if (ar.succeeded()) {
                    answer.complete(new Answer(ar.result(), atOnce, Vertx.currentContext() == context));
                } else {
                    answer.completeExceptionally(ar.cause());
                }
            });
        });
        return answer.get(20, TimeUnit.SECONDS);
    }
}
