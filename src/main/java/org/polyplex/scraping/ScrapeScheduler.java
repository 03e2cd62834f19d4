package org.polyplex.scraping;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.platform.logging.Redaction;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Entry point of the scraping feature: every {@code polyplex.scraping.every} it runs the sources
 * whose interval has passed, one after the other, each in its own try/catch so that one broken
 * source never stops the others. Off in {@code %test}; sources are run directly there.
 */
@ApplicationScoped
public class ScrapeScheduler {

    private final ScraperSourceService sources;
    private final ScrapeRunner runner;
    private final Clock clock;
    private final RunState state = new RunState();

    ScrapeScheduler(ScraperSourceService sources, ScrapeRunner runner, Clock clock) {
        this.sources = sources;
        this.runner = runner;
        this.clock = clock;
    }

    @Scheduled(identity = "scrape-sources", every = "${polyplex.scraping.every:60s}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scrapeDue() {
        var attempt = state.tryStart(clock.instant());
        if (attempt.isEmpty()) {
            return;
        }
        try (var running = attempt.get()) {
            for (long id : sources.due()) {
                try {
                    runner.run(id);
                } catch (RuntimeException e) {
                    // the runner records failures itself; this is a source deleted or running meanwhile
                    Log.warnf("scrape source=%d not run: %s", id, Redaction.message(e));
                }
            }
        }
    }

    public RunState.State state() {
        return state.current();
    }
}
