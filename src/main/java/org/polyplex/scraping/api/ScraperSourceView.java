package org.polyplex.scraping.api;

import java.time.Instant;

import org.polyplex.scraping.source.ScraperSource;
import org.polyplex.scraping.source.SourceType;

/** A scraper source as the admin API shows it; the password never, only whether one is stored. */
public record ScraperSourceView(long id, String url, SourceType type, boolean enabled, int intervalMinutes, Long categoryId,
        int priority, Integer maxConnections, String username, boolean hasPassword, Instant lastScraped, int channelsFound,
        Instant createdAt) {

    static ScraperSourceView of(ScraperSource s) {
        return new ScraperSourceView(s.id, s.url, s.type, s.enabled, s.intervalMinutes, s.categoryId, s.priority,
                s.maxConnections, s.username, s.passwordEncrypted != null, s.lastScraped, s.channelsFound, s.createdAt);
    }
}
