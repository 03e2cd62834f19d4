package org.polyplex.ingest.generation;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.polyplex.platform.ClusterConfig;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * The two triggers of generation upkeep: crash recovery at start-up, and the sweep on a schedule
 * (this node's refresh, idle and orphaned generations; off in dev and test, where tests call
 * {@link Generations#sweepIdle()} themselves).
 */
@ApplicationScoped
class GenerationUpkeep {

    private final Generations generations;
    private final GenerationConfig config;
    private final ClusterConfig cluster;

    GenerationUpkeep(Generations generations, GenerationConfig config, ClusterConfig cluster) {
        this.generations = generations;
        this.config = config;
        this.cluster = cluster;
    }

    void onStart(@Observes StartupEvent event) {
        check(config.idleSweepEvery(), cluster.nodeStale());
        generations.recoverAfterRestart();
    }

    /** A node's generations must outlive a missed refresh or two before other nodes call them orphans. */
    static void check(Duration sweepEvery, Duration nodeStale) {
        if (nodeStale.compareTo(sweepEvery.multipliedBy(2)) < 0) {
            throw new IllegalStateException("polyplex.cluster.node-stale (" + nodeStale
                    + ") must be at least twice polyplex.ingest.idle-sweep-every (" + sweepEvery + ")");
        }
    }

    @Scheduled(identity = "stream-idle-sweep", every = "{polyplex.ingest.idle-sweep-every}", delayed = "{polyplex.ingest.idle-sweep-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        generations.sweepIdle();
    }
}
