package org.polyplex.epg.importer;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.polyplex.epg.EpgConfig;
import org.polyplex.epg.model.EpgRun;
import org.polyplex.epg.store.GuideStore;
import org.polyplex.epg.xmltv.XmltvLimits;
import org.polyplex.platform.ThreadNiceness;
import org.polyplex.platform.logging.Redaction;
import org.polyplex.platform.persistence.DbConstraints;
import org.polyplex.platform.web.ApiException;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Runs imports on a small pool of its own ({@code polyplex.epg.max-concurrent-imports} threads,
 * at {@code polyplex.epg.import-niceness}, at most {@code polyplex.epg.max-queued-imports}
 * waiting): never on the event loop, never on the HTTP worker pool, so a large guide cannot
 * starve streaming or the API. A source runs at most once at a time. A start beyond the queue is
 * refused before anything is recorded, so the source stays due and nothing queued is dropped.
 */
@ApplicationScoped
public class ImportRunner {

    /** A started run: its record id, and completion when the import has ended either way. */
    public record Started(long runId, CompletableFuture<Void> done) {
    }

    /** The run message of an import that the database refused; the details are in the log. */
    static final String DATABASE_FAILURE = "the guide could not be stored (database error; details in the server log),"
            + " previous guide kept";

    private final EpgConfig config;
    private final GuideStore store;
    private final RunRecorder recorder;
    private final GuideOpener opener;
    private final ExecutorService pool;
    // One permit per import running or queued; taken before a run is recorded.
    private final Semaphore slots;
    // source id -> completion of its current run; an entry exists exactly while the source runs
    private final Map<Long, CompletableFuture<Void>> running = new ConcurrentHashMap<>();
    // source id -> counters of its current run, for the console's live progress
    private final Map<Long, ImportProgress> progress = new ConcurrentHashMap<>();

    private final MeterRegistry metrics;

    ImportRunner(EpgConfig config, GuideStore store, RunRecorder recorder, MeterRegistry metrics) {
        this.config = config;
        this.metrics = metrics;
        this.store = store;
        this.recorder = recorder;
        this.opener = new GuideOpener(config);
        AtomicInteger threads = new AtomicInteger();
        int size = Math.max(1, config.maxConcurrentImports());
        int niceness = config.importNiceness();
        this.pool = new ThreadPoolExecutor(size, size, 1, TimeUnit.MINUTES,
                new LinkedBlockingQueue<>(size + config.maxQueuedImports()), r -> {
                    Thread t = new Thread(() -> {
                        ThreadNiceness.lowerCurrentThread(niceness);
                        r.run();
                    }, "epg-import-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.slots = new Semaphore(size + config.maxQueuedImports());
    }

    void onStart(@Observes StartupEvent event) {
        int interrupted = recorder.failInterrupted();
        if (interrupted > 0) {
            Log.warnf("epg: %d runs were interrupted by a shutdown and are marked failed", interrupted);
        }
        store.loadAtStart();
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
        opener.close();
    }

    public boolean isRunning(long sourceId) {
        return running.containsKey(sourceId);
    }

    /** Completion of the source's current run, if it is running. */
    public Optional<CompletableFuture<Void>> current(long sourceId) {
        return Optional.ofNullable(running.get(sourceId));
    }

    /** What the source's current run has parsed so far; empty when it is not running. */
    public Optional<ImportProgress.Counts> progress(long sourceId) {
        return Optional.ofNullable(progress.get(sourceId)).map(ImportProgress::counts);
    }

    /**
     * Records a run and queues it. Throws a 409 {@link ApiException} when the source is already
     * running, or when {@code max-queued-imports} imports already wait: then nothing is recorded
     * and the source stays due, so a later start (or the next schedule check) runs it.
     */
    public Started start(long sourceId, String trigger) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (running.putIfAbsent(sourceId, done) != null) {
            throw ApiException.conflict("id", "epg source " + sourceId + " is already running");
        }
        if (!slots.tryAcquire()) {
            ended(sourceId, done, false);
            throw ApiException.conflict("id", "too many EPG imports queued; try again later");
        }
        RunRecorder.Begun begun = null;
        try {
            begun = recorder.begin(sourceId, trigger);
            RunRecorder.Begun queued = begun;
            ImportProgress counters = new ImportProgress();
            progress.put(sourceId, counters);
            pool.execute(() -> {
                try {
                    execute(queued, counters);
                } finally {
                    ended(sourceId, done, true);
                }
            });
            return new Started(begun.runId(), done);
        } catch (RejectedExecutionException e) {
            // only when shutting down: the permits keep the queue from filling
            ended(sourceId, done, true);
            recorder.fail(begun, "the import pool is shut down");
            throw ApiException.conflict("id", "EPG imports are shut down; try again later");
        } catch (RuntimeException e) {
            ended(sourceId, done, true);
            throw e;
        }
    }

    private void ended(long sourceId, CompletableFuture<Void> done, boolean heldSlot) {
        progress.remove(sourceId);
        running.remove(sourceId);
        if (heldSlot) {
            slots.release();
        }
        done.complete(null);
    }

    private void execute(RunRecorder.Begun begun, ImportProgress counters) {
        long started = System.nanoTime();
        ImportJob.Result result;
        try {
            // Leftovers of an import that crashed before cleaning up: they only take space, so a
            // failure here is retried by the next run rather than failing this one.
            store.deleteOtherGenerations(begun.sourceId(), begun.previousGeneration() == null ? -1
                    : begun.previousGeneration());
        } catch (RuntimeException e) {
            Log.warnf("epg: source=%d leftover generations not deleted yet: %s", begun.sourceId(),
                    Redaction.message(e));
        }
        ImportJob job = null;
        try {
            job = new ImportJob(opener, store, spec(begun), counters);
            result = job.call();
            // Caches are filled for the new guide first, so it serves from memory once flipped.
            store.prepare(begun.sourceId(), begun.generation());
            recorder.succeed(begun, result);
        } catch (Exception | OutOfMemoryError e) {
            fail(begun, e, job == null ? 0 : job.bytes(), job == null ? 0 : job.skipped());
            return;
        }
        // The new guide is live from here on: nothing below may fail the run or touch it.
        metrics.counter("polyplex.epg.imports", "outcome", result.skipped() > 0 ? "warning" : "success").increment();
        metrics.counter("polyplex.epg.programmes.imported").increment(result.programmes());
        metrics.counter("polyplex.epg.programmes.skipped").increment(result.skipped());
        store.reloadIndex();
        Log.infof("epg: source=%d run=%d imported %d channels, %d programmes (%d skipped) in %d ms",
                begun.sourceId(), begun.runId(), result.channels(), result.programmes(), result.skipped(),
                (System.nanoTime() - started) / 1_000_000);
        if (begun.previousGeneration() != null) {
            try {
                store.deleteGeneration(begun.sourceId(), begun.previousGeneration());
            } catch (RuntimeException e) {
                // The next run of this source deletes it (deleteOtherGenerations above).
                Log.warnf("epg: source=%d old generation=%d not deleted yet: %s", begun.sourceId(),
                        begun.previousGeneration(), Redaction.message(e));
            }
        }
    }

    private ImportJob.Spec spec(RunRecorder.Begun begun) {
        EpgConfig.Parser parser = config.parser();
        // Ceiling: with a ratio above 0, any live guide asks for at least one programme more than none.
        int min = (int) ((begun.previousProgrammes() * (long) config.minProgrammeRatio() + 99) / 100);
        return new ImportJob.Spec(begun.sourceId(), begun.generation(), begun.url(), begun.offsetMinutes(),
                config.batchSize(), new XmltvLimits(parser.maxAttributeLength(), parser.maxTextLength(),
                        parser.maxDepth(), parser.maxOpenProgrammeLength()),
                min);
    }

    private void fail(RunRecorder.Begun begun, Throwable e, long bytesRead, int skipped) {
        // Parsers and URL classes quote the whole URL, credentials included: redact before
        // anything is logged or stored.
        String detail = Redaction.message(e);
        Log.warnf("epg: source=%d run=%d failed, previous guide kept: %s", begun.sourceId(), begun.runId(), detail);
        // A database message names tables, keys and SQL: the log has it, the run says what it means.
        String reason = DbConstraints.isDatabaseFailure(e) ? DATABASE_FAILURE : detail;
        try {
            store.deleteGeneration(begun.sourceId(), begun.generation());
        } catch (RuntimeException cleanup) {
            Log.warnf("epg: source=%d generation=%d not cleaned up: %s", begun.sourceId(), begun.generation(),
                    Redaction.message(cleanup));
        }
        recorder.fail(begun, reason, bytesRead, skipped);
        metrics.counter("polyplex.epg.imports", "outcome", "failed").increment();
    }

    /** Exposed for the run endpoint: the run as it is now. */
    public EpgRun run(long runId) {
        return QuarkusTransaction.requiringNew().call(() -> EpgRun.<EpgRun> findById(runId));
    }
}
