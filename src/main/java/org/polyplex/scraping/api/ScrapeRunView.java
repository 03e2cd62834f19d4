package org.polyplex.scraping.api;

import java.time.Instant;

import org.polyplex.scraping.ScrapeRun;

/** One recorded run of a scraper source. */
public record ScrapeRunView(long id, long sourceId, Instant started, Instant finished, String status, int found, int added,
        int updated, int removed, int skipped, String error) {

    static ScrapeRunView of(ScrapeRun r) {
        return new ScrapeRunView(r.id, r.sourceId, r.startedAt, r.finishedAt, r.status.name().toLowerCase(), r.found, r.added,
                r.updated, r.removed, r.skipped, r.error);
    }
}
