package org.polyplex.scraping.parser;

import java.util.List;

import org.polyplex.catalog.importing.ImportedEpisodes;

/**
 * Everything one run read from its source, before anything is written: valid channels (and,
 * for provider accounts, movies and series, with the seasons and episodes of the series read in
 * this run), what was skipped and why, and warnings. {@code maxConnections} is the provider's
 * stream cap when it told us one.
 */
public record Harvest(List<ScrapedChannel> channels, List<ScrapedVod> movies, List<ScrapedVod> series, int skipped,
        List<String> skipReasons, List<String> warnings, Integer maxConnections, List<ImportedEpisodes> episodes) {

    /** A harvest without series episodes. */
    public Harvest(List<ScrapedChannel> channels, List<ScrapedVod> movies, List<ScrapedVod> series, int skipped,
            List<String> skipReasons, List<String> warnings, Integer maxConnections) {
        this(channels, movies, series, skipped, skipReasons, warnings, maxConnections, List.of());
    }

    public int found() {
        return channels.size() + movies.size() + series.size();
    }

    /** Skip reasons and warnings as one line for the run record, or null when there are none. */
    public String notes() {
        StringBuilder sb = new StringBuilder();
        warnings.forEach(w -> sb.append(w).append("; "));
        if (skipped > 0) {
            sb.append(skipped).append(" entries skipped: ").append(String.join("; ", skipReasons));
            if (skipped > skipReasons.size()) {
                sb.append("; ...");
            }
        }
        String notes = sb.toString().replaceFirst("; $", "");
        return notes.isEmpty() ? null : notes;
    }
}
