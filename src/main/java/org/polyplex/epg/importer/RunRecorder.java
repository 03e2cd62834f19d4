package org.polyplex.epg.importer;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.epg.model.EpgRun;
import org.polyplex.epg.model.EpgSource;
import org.polyplex.epg.model.RunStatus;
import org.polyplex.platform.web.ApiException;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** The short transactions around an import: begin, flip to the new generation, or fail. */
@ApplicationScoped
class RunRecorder {

    /**
     * What an import needs to know about its source, read once at the start;
     * {@code previousProgrammes} is the count of the live guide's import (0 when none).
     */
    record Begun(long runId, long sourceId, String url, int offsetMinutes, long generation, Long previousGeneration,
            int previousProgrammes) {
    }

    private final Clock clock;

    RunRecorder(Clock clock) {
        this.clock = clock;
    }

    Begun begin(long sourceId, String trigger) {
        return QuarkusTransaction.requiringNew().call(() -> {
            EpgSource source = EpgSource.<EpgSource> findByIdOptional(sourceId)
                    .orElseThrow(() -> ApiException.notFound("epg source", sourceId));
            source.lastGeneration++;
            source.lastRunAt = clock.instant();
            EpgRun run = new EpgRun();
            run.sourceId = sourceId;
            run.trigger = trigger;
            run.status = RunStatus.RUNNING;
            run.startedAt = clock.instant();
            run.persist();
            return new Begun(run.id, sourceId, source.url, source.offsetMinutes, source.lastGeneration,
                    source.activeGeneration, source.activeGeneration == null ? 0 : liveProgrammes(sourceId));
        });
    }

    /** Programmes of the live guide: the newest run that went live (only successful runs flip). */
    private static int liveProgrammes(long sourceId) {
        return EpgRun.<EpgRun> find("sourceId = ?1 and status in ?2 order by startedAt desc, id desc", sourceId,
                List.of(RunStatus.SUCCESS, RunStatus.WARNING)).firstResultOptional().map(r -> r.programmes).orElse(0);
    }

    /** Flips the source to the new generation and records the run, in one transaction. */
    void succeed(Begun begun, ImportJob.Result result) {
        QuarkusTransaction.requiringNew().run(() -> {
            EpgSource source = EpgSource.findById(begun.sourceId());
            if (source == null) {
                throw new IllegalStateException("the source was deleted during the import");
            }
            source.activeGeneration = begun.generation();
            EpgRun run = EpgRun.findById(begun.runId());
            run.status = result.skipped() > 0 ? RunStatus.WARNING : RunStatus.SUCCESS;
            run.finishedAt = clock.instant();
            run.bytesRead = result.bytes();
            run.channels = result.channels();
            run.programmes = result.programmes();
            run.skipped = result.skipped();
            run.message = cut(result.skipSummary());
        });
    }

    void fail(Begun begun, String reason) {
        fail(begun, reason, 0, 0);
    }

    /** Records a failed run with what it read before failing: bytes and skipped records. */
    void fail(Begun begun, String reason, long bytesRead, int skipped) {
        QuarkusTransaction.requiringNew().run(() -> {
            EpgRun run = EpgRun.findById(begun.runId());
            if (run != null) {
                run.status = RunStatus.FAILED;
                run.finishedAt = clock.instant();
                run.bytesRead = bytesRead;
                run.skipped = skipped;
                run.message = cut(reason);
            }
        });
    }

    /** Marks runs left {@code running} by a previous process as failed. */
    int failInterrupted() {
        return QuarkusTransaction.requiringNew().call(() -> EpgRun.update(
                "status = ?1, message = ?2, finishedAt = ?3 where status = ?4", RunStatus.FAILED,
                "interrupted by a shutdown", clock.instant(), RunStatus.RUNNING));
    }

    private static String cut(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
    }
}
