package org.polyplex.epg.importer;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.epg.EpgConfig;
import org.polyplex.epg.model.EpgRun;
import org.polyplex.epg.model.EpgSource;
import org.polyplex.epg.model.RunStatus;
import org.polyplex.epg.store.GuideStore;
import org.polyplex.platform.logging.Redaction;
import org.polyplex.platform.web.ApiException;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Thin triggers: starts the imports that are due and prunes old programmes and runs. The
 * imports themselves run on {@link ImportRunner}'s pool, so these methods return quickly.
 * Off in {@code %test}.
 */
@ApplicationScoped
class EpgScheduler {

    private final ImportRunner runner;
    private final GuideStore store;
    private final EpgConfig config;
    private final Clock clock;

    EpgScheduler(ImportRunner runner, GuideStore store, EpgConfig config, Clock clock) {
        this.runner = runner;
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "{polyplex.epg.check-every}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void startDue() {
        startDueSources();
    }

    /** Starts every due source that is not running yet; returns the runs it started. */
    List<ImportRunner.Started> startDueSources() {
        List<ImportRunner.Started> started = new ArrayList<>();
        for (long id : dueSources(clock.instant())) {
            // One source's trouble never stops the others.
            try {
                if (!runner.isRunning(id)) {
                    started.add(runner.start(id, "schedule"));
                }
            } catch (ApiException e) {
                Log.debugf("epg: source=%d not started: %s", id, Redaction.message(e));
            } catch (RuntimeException e) {
                Log.warnf(e, "epg: source=%d could not be started", id);
            }
        }
        return started;
    }

    List<Long> dueSources(Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> EpgSource.<EpgSource> list("enabled", true).stream()
                .filter(s -> s.lastRunAt == null || !s.lastRunAt.plusSeconds(60L * s.intervalMinutes).isAfter(now))
                .map(s -> s.id)
                .toList());
    }

    @Scheduled(every = "{polyplex.epg.prune-every}", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void prune() {
        long programmes = store.pruneEndedBefore(clock.instant().minus(config.retention()));
        int runs = QuarkusTransaction.requiringNew().call(this::pruneRuns);
        Log.infof("epg: pruned %d old programmes and %d old runs", programmes, runs);
    }

    private int pruneRuns() {
        int deleted = 0;
        for (EpgSource source : EpgSource.<EpgSource> listAll()) {
            List<EpgRun> old = EpgRun.<EpgRun> find("sourceId = ?1 order by startedAt desc, id desc", source.id)
                    .page(1, config.runsKept()).list();
            // Page 1 of runsKept-sized pages starts right after the kept ones; older pages follow.
            if (!old.isEmpty()) {
                deleted += (int) EpgRun.delete("sourceId = ?1 and startedAt <= ?2 and status <> ?3",
                        source.id, old.get(0).startedAt, RunStatus.RUNNING);
            }
        }
        return deleted;
    }
}
