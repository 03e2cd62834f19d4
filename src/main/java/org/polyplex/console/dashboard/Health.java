package org.polyplex.console.dashboard;

import java.util.List;

import io.quarkus.qute.TemplateData;

/**
 * The dashboard's health at one moment: each part has a state ({@code ok}, {@code warn},
 * {@code down} or {@code off}) and a sentence for people. Never a raw database or driver error.
 */
@TemplateData
public record Health(Part upstreams, Part engine, Part database, Part disk, List<Run> runs, String checkedAt) {

    /** One checked part. */
    @TemplateData
    public record Part(String state, String summary) {
    }

    /** One recent scraper run or guide import. */
    @TemplateData
    public record Run(String kind, long sourceId, String source, String status, String counts, String error,
            String when) {
    }
}
