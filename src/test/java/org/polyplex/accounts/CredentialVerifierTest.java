package org.polyplex.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkus.elytron.security.common.BcryptUtil;

import io.vertx.core.Vertx;

import org.junit.jupiter.api.Test;

class CredentialVerifierTest {

    private final CredentialVerifier verifier = new CredentialVerifier();

    @Test
    void acceptsTheRightPasswordAndRejectsOthers() {
        Account account = account(1, BcryptUtil.bcryptHash("right-pass", 4));
        assertThat(verifier.verify(account, "right-pass")).isTrue();
        assertThat(verifier.verify(account, "right-pass")).isTrue();
        assertThat(verifier.verify(account, "wrong-pass")).isFalse();
        assertThat(verifier.verify(account, "wrong-pass")).isFalse();
        assertThat(verifier.verify(account, "right-pass")).isTrue();
        assertThat(verifier.verify(account, "")).isFalse();
        assertThat(verifier.verify(account, null)).isFalse();
    }

    @Test
    void aNewHashInvalidatesTheMemo() {
        Account before = account(2, BcryptUtil.bcryptHash("old-pass", 4));
        assertThat(verifier.verify(before, "old-pass")).isTrue();
        Account after = account(2, BcryptUtil.bcryptHash("new-pass", 4));
        assertThat(verifier.verify(after, "old-pass")).isFalse();
        assertThat(verifier.verify(after, "new-pass")).isTrue();
    }

    @Test
    void bcryptRunsOncePerDistinctCredential() {
        AtomicInteger calls = new AtomicInteger();
        CredentialVerifier counting = new CredentialVerifier((password, hash) -> {
            calls.incrementAndGet();
            return BcryptUtil.matches(password, hash);
        });
        Account account = account(3, BcryptUtil.bcryptHash("app-pass", 4));
        for (int i = 0; i < 50; i++) {
            assertThat(counting.verify(account, "app-pass")).isTrue();
            assertThat(counting.verify(account, "stale-pass")).isFalse();
        }
        assertThat(calls).hasValue(2);
        counting.retain(Set.of());
        assertThat(counting.verify(account, "app-pass")).isTrue();
        assertThat(calls).hasValue(3);
    }

    @Test
    void shouldHashOnceWhenManyRequestsBringTheSameNewCredentialAtOnce() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        CredentialVerifier slow = new CredentialVerifier((password, hash) -> {
            calls.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return BcryptUtil.matches(password, hash);
        });
        Account account = account(4, BcryptUtil.bcryptHash("app-pass", 4));
        List<Thread> threads = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(20, task -> {
            Thread thread = new Thread(task);
            threads.add(thread);
            return thread;
        });
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(pool.submit(() -> slow.verify(account, "app-pass")));
            }
            // all twenty parked: one in the held hash, the other nineteen waiting for its answer
            await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() == 1 && threads.size() == 20
                    && threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING
                            || t.getState() == Thread.State.TIMED_WAITING));
            release.countDown();
            for (Future<Boolean> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(calls).as("one bcrypt for twenty concurrent checks").hasValue(1);
    }

    @Test
    void shouldRefuseToHashOnAnEventLoopButAnswerMemoHitsThere() throws Exception {
        Account account = account(5, BcryptUtil.bcryptHash("loop-pass", 4));
        assertThat(verifier.verify(account, "loop-pass")).isTrue();
        Vertx vertx = Vertx.vertx();
        try {
            CompletableFuture<List<Object>> onLoop = new CompletableFuture<>();
            vertx.runOnContext(v -> {
                List<Object> seen = new ArrayList<>();
                seen.add(verifier.verify(account, "loop-pass"));
                try {
                    seen.add(verifier.verify(account, "other-pass"));
                } catch (IllegalStateException e) {
                    seen.add(e.getMessage());
                }
                onLoop.complete(seen);
            });
            assertThat(onLoop.get(10, TimeUnit.SECONDS)).containsExactly(true,
                    "a credential check that needs bcrypt was called on an event loop");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static Account account(long id, String hash) {
        return new Account(id, "user" + id, 1, null, false, true, false, Set.of(), Instant.EPOCH, hash);
    }
}
