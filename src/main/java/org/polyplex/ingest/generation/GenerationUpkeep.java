package org.polyplex.ingest.generation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * The two triggers of generation upkeep: crash recovery at start-up, and the idle sweep on a
 * schedule (off in dev and test, where tests call {@link Generations#sweepIdle()} themselves).
 */
@ApplicationScoped
class GenerationUpkeep {

    private final Generations generations;

    GenerationUpkeep(Generations generations) {
        this.generations = generations;
    }

    void onStart(@Observes StartupEvent event) {
        generations.recoverAfterRestart();
    }

    @Scheduled(identity = "stream-idle-sweep", every = "{polyplex.ingest.idle-sweep-every}", delayed = "{polyplex.ingest.idle-sweep-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        generations.sweepIdle();
    }
}
