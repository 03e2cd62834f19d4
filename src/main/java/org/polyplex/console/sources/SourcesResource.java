package org.polyplex.console.sources;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.polyplex.console.web.ConsoleRefusal;
import org.polyplex.console.web.CurrentSession;
import org.polyplex.console.web.Frame;
import org.polyplex.epg.EpgSourceService;
import org.polyplex.epg.importer.ImportRunner;
import org.polyplex.epg.model.EpgRun;
import org.polyplex.platform.logging.Redaction;
import org.polyplex.platform.web.ApiException;
import org.polyplex.scraping.ScrapeRun;
import org.polyplex.scraping.ScrapeRunner;
import org.polyplex.scraping.ScraperSourceService;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.common.annotation.Blocking;

/**
 * Scraper and EPG sources with their last run (status, counts, error) and "run now", through the
 * services and runners {@code /api/scraper-sources} and {@code /api/epg-sources} use. URLs are
 * shown redacted: a provider URL may carry credentials.
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
            "scraped", "The scraper run has finished: see its status below.",
            "started", "The guide import is running; reload to follow it.",
            "busy", "That guide is importing already.");

    private final ScraperSourceService scrapers;
    private final ScrapeRunner scrapeRunner;
    private final EpgSourceService guides;
    private final ImportRunner importRunner;
    private final CurrentSession current;

    SourcesResource(ScraperSourceService scrapers, ScrapeRunner scrapeRunner, EpgSourceService guides,
            ImportRunner importRunner, CurrentSession current) {
        this.scrapers = scrapers;
        this.scrapeRunner = scrapeRunner;
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
                    last == null ? "" : String.valueOf(last.startedAt), false);
        }).toList();
        List<SourceRow> guideRows = guides.list(0, MAX_SOURCES).items().stream().map(s -> {
            EpgRun last = guides.runs(s.id, 0, 1).items().stream().findFirst().orElse(null);
            return new SourceRow(s.id, Redaction.url(s.url), "xmltv", s.enabled, s.intervalMinutes,
                    last == null ? "never run" : last.status.name().toLowerCase(),
                    last == null ? ""
                            : last.channels + " channels, " + last.programmes + " programmes, "
                                    + last.skipped + " skipped",
                    last == null || last.message == null ? "" : last.message,
                    last == null ? "" : String.valueOf(last.startedAt), importRunner.isRunning(s.id));
        }).toList();
        return Templates.sources(current.frame("sources"), scraperRows, guideRows,
                NOTICES.getOrDefault(notice == null ? "" : notice, ""));
    }

    /** Runs a scraper source now, on this worker thread, as {@code POST /api/scraper-sources/{id}/run} does. */
    @POST
    @Path("scraper/{id}/run")
    public Response scrape(@RestPath long id, @RestForm String csrf) {
        current.requireToken(csrf);
        try {
            scrapers.get(id);
            scrapeRunner.run(id);
        } catch (ApiException e) {
            throw new ConsoleRefusal(e.status(), e.getMessage());
        }
        return notice("scraped");
    }

    /** Starts a guide import now; the page shows it running. */
    @POST
    @Path("epg/{id}/run")
    public Response importGuide(@RestPath long id, @RestForm String csrf) {
        current.requireToken(csrf);
        try {
            guides.get(id);
            if (importRunner.isRunning(id)) {
                return notice("busy");
            }
            importRunner.start(id, "manual");
        } catch (ApiException e) {
            throw new ConsoleRefusal(e.status(), e.getMessage());
        }
        return notice("started");
    }

    private static Response notice(String notice) {
        return Response.seeOther(URI.create("/console/sources?notice=" + notice)).build();
    }
}
