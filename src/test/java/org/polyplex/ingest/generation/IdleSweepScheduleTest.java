package org.polyplex.ingest.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.unique;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The idle sweep runs by itself on its schedule (the other tests call it, with the scheduler off):
 * a generation whose publisher left longer than {@code idle-end} ago ends within a sweep period,
 * one whose publisher left just now stays open.
 */
@QuarkusTest
@TestProfile(IdleSweepScheduleTest.Sweeping.class)
class IdleSweepScheduleTest {

    /** The scheduler on, sweeping every second. */
    public static class Sweeping implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.scheduler.enabled", "true", "polyplex.ingest.idle-sweep-every", "1s");
        }
    }

    @Inject
    Generations generations;

    @Inject
    GenerationConfig config;

    @Test
    void shouldEndAnIdleGenerationOnItsOwnWithinASweepPeriod() {
        long idle = generations.begin(stream()).generationId();
        long recent = generations.begin(stream()).generationId();
        generations.publisherGone(idle);
        generations.publisherGone(recent);
        QuarkusTransaction.requiringNew().run(() -> Generation.<Generation> findById(idle).publisherGoneAt = Instant.now()
                .minus(config.idleEnd().plusSeconds(1)));

        Awaitility.await("the scheduled sweep ends the idle generation").atMost(Duration.ofSeconds(10))
                .until(() -> row(idle).state == GenerationState.ENDED);
        assertThat(row(idle).reason).contains("no publisher");
        assertThat(row(recent).state).isEqualTo(GenerationState.STARTING);
    }

    private static long stream() {
        return create("/api/streams", Map.of("name", unique("Sweep"), "visibility", "public"));
    }

    private static Generation row(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Generation.<Generation> findById(id));
    }
}
