package org.polyplex.console.sources;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.polyplex.epg.model.EpgRun;
import org.polyplex.scraping.ScrapeRun;

import io.quarkus.qute.TemplateData;

/** One run in a source's history: its status, what it counted, why it failed, when. */
@TemplateData
public record RunRow(String status, String trigger, String counts, String error, String started, String took) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    static RunRow of(ScrapeRun run) {
        return new RunRow(run.status.name().toLowerCase(), "", run.found + " found, " + run.added + " added, "
                + run.updated + " updated, " + run.removed + " removed, " + run.skipped + " skipped",
                run.error == null ? "" : run.error, when(run.startedAt), took(run.startedAt, run.finishedAt));
    }

    static RunRow of(EpgRun run) {
        return new RunRow(run.status.wire(), run.trigger, run.channels + " channels, " + run.programmes
                + " programmes, " + run.skipped + " skipped", run.message == null ? "" : run.message,
                when(run.startedAt), took(run.startedAt, run.finishedAt));
    }

    static String when(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    private static String took(Instant started, Instant finished) {
        if (started == null || finished == null) {
            return "";
        }
        long ms = Math.max(0, finished.toEpochMilli() - started.toEpochMilli());
        return ms < 1000 ? ms + " ms" : String.format("%.1f s", ms / 1000.0);
    }
}
