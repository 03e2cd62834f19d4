package org.polyplex.epg.api;

import java.time.Instant;

import org.polyplex.epg.model.EpgSource;

/**
 * An EPG source as the admin API shows it. {@code activeGeneration} is null until the first
 * successful import; {@code running} says whether an import is under way.
 */
public record EpgSourceView(long id, String url, boolean enabled, int intervalMinutes, int offsetMinutes,
        Long activeGeneration, Instant lastRunAt, boolean running, Instant createdAt) {

    static EpgSourceView of(EpgSource s, boolean running) {
        return new EpgSourceView(s.id, s.url, s.enabled, s.intervalMinutes, s.offsetMinutes, s.activeGeneration,
                s.lastRunAt, running, s.createdAt);
    }
}
