package org.polyplex.console.sources;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.polyplex.console.web.CurrentSession;
import org.polyplex.console.web.Frame;
import org.polyplex.epg.EpgSourceService;
import org.polyplex.epg.importer.ImportRunner;
import org.polyplex.epg.model.EpgRun;
import org.polyplex.platform.logging.Redaction;
import org.polyplex.scraping.ScrapeRun;
import org.polyplex.scraping.ScraperSourceService;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;

import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.common.annotation.Blocking;

/**
 * Scraper and EPG sources with their last run (status, counts, error), linking to each source's
 * page ({@link ScraperSourcePages}, {@link GuideSourcePages}) where it is edited and run. URLs
 * are shown redacted: a provider URL may carry credentials.
 */
@Path("/console/sources")
@Blocking
@Produces(MediaType.TEXT_HTML)
public class SourcesResource {

    /** Sources shown per kind; the API pages through more. */
    static final int MAX_SOURCES = 200;

    /** One source and its last run. */
    @TemplateData
    public record SourceRow(long id, String url, String kind, boolean enabled, int intervalMinutes, String status,
            String counts, String error, String when, boolean running) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance sources(Frame frame, List<SourceRow> scrapers, List<SourceRow> guides,
                String notice);
    }

    private static final Map<String, String> NOTICES = Map.of(
            "deleted", "The source is deleted; the channels it imported stay.");

    private final ScraperSourceService scrapers;
    private final EpgSourceService guides;
    private final ImportRunner importRunner;
    private final CurrentSession current;

    SourcesResource(ScraperSourceService scrapers, EpgSourceService guides, ImportRunner importRunner,
            CurrentSession current) {
        this.scrapers = scrapers;
        this.guides = guides;
        this.importRunner = importRunner;
        this.current = current;
    }

    @GET
    public TemplateInstance page(@RestQuery String notice) {
        List<SourceRow> scraperRows = scrapers.list(0, MAX_SOURCES).items().stream().map(s -> {
            ScrapeRun last = scrapers.runs(s.id, 0, 1).items().stream().findFirst().orElse(null);
            return new SourceRow(s.id, Redaction.url(s.url), s.type.name().toLowerCase(), s.enabled,
                    s.intervalMinutes, last == null ? "never run" : last.status.name().toLowerCase(),
                    last == null ? ""
                            : last.found + " found, " + last.added + " added, " + last.updated
                                    + " updated, " + last.removed + " removed, " + last.skipped + " skipped",
                    last == null || last.error == null ? "" : last.error,
                    last == null ? "" : RunRow.when(last.startedAt), false);
        }).toList();
        List<SourceRow> guideRows = guides.list(0, MAX_SOURCES).items().stream().map(s -> {
            EpgRun last = guides.runs(s.id, 0, 1).items().stream().findFirst().orElse(null);
            return new SourceRow(s.id, Redaction.url(s.url), "xmltv", s.enabled, s.intervalMinutes,
                    last == null ? "never run" : last.status.name().toLowerCase(),
                    last == null ? ""
                            : last.channels + " channels, " + last.programmes + " programmes, "
                                    + last.skipped + " skipped",
                    last == null || last.message == null ? "" : last.message,
                    last == null ? "" : RunRow.when(last.startedAt), importRunner.isRunning(s.id));
        }).toList();
        return Templates.sources(current.frame("sources"), scraperRows, guideRows,
                NOTICES.getOrDefault(notice == null ? "" : notice, ""));
    }

    /** A source's page title: its URL, redacted (a provider URL may carry credentials) and cut short. */
    static String title(String url) {
        String shown = Redaction.url(url);
        return shown.length() <= 80 ? shown : shown.substring(0, 79) + "…";
    }
}
