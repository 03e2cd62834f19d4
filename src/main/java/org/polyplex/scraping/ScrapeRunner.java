package org.polyplex.scraping;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import org.polyplex.catalog.importing.CatalogImport;
import org.polyplex.catalog.importing.ImportCounts;
import org.polyplex.catalog.importing.ImportEntry;
import org.polyplex.catalog.importing.ImportOrigin;
import org.polyplex.catalog.importing.ImportedVod;
import org.polyplex.platform.logging.Redaction;
import org.polyplex.platform.persistence.DbConstraints;
import org.polyplex.platform.web.ApiException;
import org.polyplex.scraping.parser.Harvest;
import org.polyplex.scraping.parser.ScrapedChannel;
import org.polyplex.scraping.parser.ScrapedVod;
import org.polyplex.scraping.source.ScrapeFailure;
import org.polyplex.scraping.source.ScraperSource;
import org.polyplex.scraping.source.ScrapingConfig;
import org.polyplex.scraping.source.SourceType;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Runs one scraper source: fetch and parse first (no database work but, for a provider account,
 * one read of the versions its series' episodes were read at), then one transaction that
 * applies everything, then the run record. Whatever fails before the commit leaves the catalog as
 * it was and becomes a FAILED run with the reason; a run with nothing valid in it fails too,
 * because applying it would count every entry as missed. Runs on worker threads only.
 */
@ApplicationScoped
public class ScrapeRunner {

    private final ScrapingConfig config;
    private final SourceReader reader;
    private final CatalogImport catalog;
    private final Clock clock;
    private final EntityManager em;
    private final MeterRegistry metrics;
    static final String INTERRUPTED = "interrupted: the server stopped during the run";

    private final Set<Long> running = ConcurrentHashMap.newKeySet();

    ScrapeRunner(ScrapingConfig config, SourceReader reader, CatalogImport catalog, Clock clock, EntityManager em,
            MeterRegistry metrics) {
        this.config = config;
        this.reader = reader;
        this.catalog = catalog;
        this.clock = clock;
        this.em = em;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent event) {
        int interrupted = failInterrupted();
        if (interrupted > 0) {
            Log.warnf("scrape: %d runs were interrupted by a stop of the server and are marked failed", interrupted);
        }
    }

    /**
     * Marks runs left {@code RUNNING} by a previous process (killed, restarted, out of memory) as
     * failed, so that no run stays running forever. Called at start-up, before any run starts.
     */
    int failInterrupted() {
        return QuarkusTransaction.requiringNew().call(() -> ScrapeRun.update(
                "status = ?1, error = ?2, finishedAt = ?3 where status = ?4", ScrapeRun.Status.FAILED,
                INTERRUPTED, clock.instant(), ScrapeRun.Status.RUNNING));
    }

    /** Runs the source now and returns its finished run record; 409 when it is already running. */
    public ScrapeRun run(long sourceId) {
        // what the catalog knows decides which provider series have their episodes read again
        return run(sourceId, source -> reader.harvest(source,
                source.type == SourceType.XTREAM ? catalog.seriesVersions(source.id) : Map.of()));
    }

    /** {@link #run(long)} with the given way of reading the source (tests pass failures that cannot be provoked safely). */
    ScrapeRun run(long sourceId, Function<ScraperSource, Harvest> read) {
        ScraperSource source = QuarkusTransaction.requiringNew().call(() -> ScraperSource.<ScraperSource> findById(sourceId));
        if (source == null) {
            throw ApiException.notFound("scraper source", sourceId);
        }
        if (!running.add(sourceId)) {
            throw ApiException.conflict("id", "scraper source " + sourceId + " is already running");
        }
        try {
            long runId = QuarkusTransaction.requiringNew().call(() -> start(sourceId));
            try {
                long t0 = System.nanoTime();
                Harvest harvest = read.apply(source);
                if (harvest.found() == 0) {
                    // Failed, but what was read is on the record: the skipped entries the message counts.
                    String notes = harvest.notes();
                    return finish(runId, ScrapeRun.Status.FAILED, harvest, null,
                            "the source lists no valid entries" + (notes == null ? "" : ": " + notes));
                }
                long t1 = System.nanoTime();
                ImportCounts counts = QuarkusTransaction.requiringNew().call(() -> apply(source, harvest));
                // the commit includes the catalog snapshot rebuild (CatalogChanged observers)
                Log.debugf("scrape source=%d fetch+parse=%dms import+commit=%dms", sourceId, (t1 - t0) / 1_000_000,
                        (System.nanoTime() - t1) / 1_000_000);
                boolean clean = harvest.skipped() == 0 && harvest.warnings().isEmpty();
                return finish(runId, clean ? ScrapeRun.Status.SUCCESS : ScrapeRun.Status.WARNING, harvest, counts,
                        harvest.notes());
            } catch (ScrapeFailure e) {
                return finish(runId, ScrapeRun.Status.FAILED, null, null, e.getMessage());
            } catch (OutOfMemoryError e) {
                // the harvest is unreachable once we are here: recording the run needs little memory
                Log.errorf("scrape source=%d ran out of memory reading the source", sourceId);
                return finish(runId, ScrapeRun.Status.FAILED, null, null, "out of memory while reading the source; lower"
                        + " polyplex.scraping.fetch.max-body-size or polyplex.scraping.max-entries, or give the server more heap");
            } catch (RuntimeException | Error e) {
                // the throwable itself is not logged: its message and causes may carry URLs with credentials
                Log.errorf("scrape source=%d failed unexpectedly: %s: %s at %s", sourceId, e.getClass().getName(),
                        Redaction.message(e), e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?");
                return finish(runId, ScrapeRun.Status.FAILED, null, null, DbConstraints.isDatabaseFailure(e)
                        ? "the catalog could not be updated (database error; details in the server log)"
                        : "unexpected error (" + e.getClass().getSimpleName() + "); see the server log");
            }
        } finally {
            running.remove(sourceId);
        }
    }

    /** Hands the harvest to the catalog: live channels, and for provider accounts movies and series too. */
    private ImportCounts apply(ScraperSource source, Harvest harvest) {
        long t0 = System.nanoTime();
        Integer cap = source.maxConnections != null ? source.maxConnections : harvest.maxConnections();
        var origin = new ImportOrigin(source.id, source.priority, cap, source.categoryId, config.maxMissedRuns());
        List<ImportEntry> channels = harvest.channels().stream().map(ScrapeRunner::entry).toList();
        ImportCounts counts = source.type == SourceType.XTREAM
                ? catalog.apply(origin, channels, vod(harvest.movies()), vod(harvest.series()), harvest.episodes())
                : catalog.apply(origin, channels);
        Log.debug("scrape source=" + source.id + " writes=" + (System.nanoTime() - t0) / 1_000_000 + "ms");
        return counts;
    }

    private static ImportEntry entry(ScrapedChannel c) {
        return new ImportEntry(c.name(), c.url(), c.epgId(), c.logoUrl(), c.group(), c.number(), c.providerId(),
                c.headers(), c.archive());
    }

    private static List<ImportedVod> vod(List<ScrapedVod> items) {
        return items.stream()
                .map(v -> new ImportedVod(v.providerId(), v.name(), v.url(), v.extension(), v.imageUrl(), v.plot(), v.group()))
                .toList();
    }

    private long start(long sourceId) {
        ScrapeRun run = new ScrapeRun();
        run.sourceId = sourceId;
        run.startedAt = clock.instant();
        run.status = ScrapeRun.Status.RUNNING;
        run.persist();
        return run.id;
    }

    private ScrapeRun finish(long runId, ScrapeRun.Status status, Harvest harvest, ImportCounts counts, String error) {
        ScrapeRun done = QuarkusTransaction.requiringNew().call(() -> {
            ScrapeRun run = ScrapeRun.findById(runId);
            run.finishedAt = clock.instant();
            run.status = status;
            String safe = Redaction.text(error);
            run.error = safe == null || safe.length() <= 2000 ? safe : safe.substring(0, 1997) + "...";
            ScraperSource source = ScraperSource.findById(run.sourceId);
            if (source != null) {
                source.lastScraped = run.finishedAt;
            }
            if (harvest != null) {
                run.found = harvest.found();
                run.skipped = harvest.skipped();
            }
            if (counts != null) {
                run.added = counts.added();
                run.updated = counts.updated();
                run.removed = counts.removed();
                if (source != null) {
                    source.channelsFound = harvest.found();
                }
            }
            prune(run.sourceId);
            return run;
        });
        metrics.counter("polyplex.scrape.runs", "status", done.status.name().toLowerCase()).increment();
        metrics.counter("polyplex.scrape.entries", "change", "added").increment(done.added);
        metrics.counter("polyplex.scrape.entries", "change", "updated").increment(done.updated);
        metrics.counter("polyplex.scrape.entries", "change", "removed").increment(done.removed);
        Log.infof("scrape source=%d run=%d status=%s found=%d added=%d updated=%d removed=%d skipped=%d%s", done.sourceId,
                done.id, done.status, done.found, done.added, done.updated, done.removed, done.skipped,
                status == ScrapeRun.Status.FAILED ? " error=" + done.error : "");
        return done;
    }

    private void prune(long sourceId) {
        List<Long> old = em
                .createQuery("select r.id from ScrapeRun r where r.sourceId = :s order by r.startedAt desc, r.id desc",
                        Long.class)
                .setParameter("s", sourceId).setFirstResult(config.keepRuns()).getResultList();
        if (!old.isEmpty()) {
            ScrapeRun.delete("id in ?1", old);
        }
    }
}
