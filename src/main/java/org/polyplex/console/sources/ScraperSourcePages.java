package org.polyplex.console.sources;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.validation.Validator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.polyplex.console.web.ConsoleRefusal;
import org.polyplex.console.web.CurrentSession;
import org.polyplex.console.web.FormErrors;
import org.polyplex.console.web.Frame;
import org.polyplex.console.web.Pager;
import org.polyplex.platform.web.ApiException;
import org.polyplex.scraping.ScrapeRunner;
import org.polyplex.scraping.ScraperSourceService;
import org.polyplex.scraping.source.ScraperSource;
import org.polyplex.scraping.source.ScraperSourceInput;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.common.annotation.Blocking;

/**
 * One scraper source: create, edit (with the API's validation messages next to the fields), its
 * run history paged on the server, run now, delete. Every write goes through
 * {@link ScraperSourceService} with the {@link ScraperSourceInput} that {@code /api/scraper-sources}
 * validates.
 */
@Path("/console/sources/scraper")
@Blocking
@Produces(MediaType.TEXT_HTML)
public class ScraperSourcePages {

    static final int RUNS_PER_PAGE = 10;
    static final String FIELDS = "url,type,enabled,intervalMinutes,categoryId,priority,maxConnections,username,password";

    private static final Map<String, String> NOTICES = Map.of(
            "created", "The source is created. Run it now, or wait for its interval.",
            "saved", "Saved.",
            "scraped", "The run has finished: see its status below.");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance create(Frame frame, ScraperForm form, FormErrors errors);

        static native TemplateInstance source(Frame frame, long id, String title, ScraperForm form,
                FormErrors errors, List<RunRow> runs, Pager pager, String notice);
    }

    private final ScraperSourceService scrapers;
    private final ScrapeRunner runner;
    private final CurrentSession current;
    private final Validator validator;

    ScraperSourcePages(ScraperSourceService scrapers, ScrapeRunner runner, CurrentSession current,
            Validator validator) {
        this.scrapers = scrapers;
        this.runner = runner;
        this.current = current;
        this.validator = validator;
    }

    @GET
    @Path("new")
    public TemplateInstance blank() {
        return Templates.create(current.frame("sources"), ScraperForm.blank(), FormErrors.none());
    }

    @POST
    public Response create(@RestForm String csrf, @RestForm String url, @RestForm String type,
            @RestForm boolean enabled, @RestForm String intervalMinutes, @RestForm String categoryId,
            @RestForm String priority, @RestForm String maxConnections, @RestForm String username,
            @RestForm String password) {
        current.requireToken(csrf);
        ScraperForm form = new ScraperForm(url, type, enabled, intervalMinutes, categoryId, priority,
                maxConnections, username, password);
        FormErrors errors = FormErrors.none();
        ScraperSourceInput input = errors.validated(validator, form.toInput(errors));
        if (!errors.any()) {
            try {
                return seeOther(scrapers.create(input).id, "created");
            } catch (ApiException e) {
                errors = FormErrors.of(e);
            }
        }
        return Response.status(400).entity(Templates.create(current.frame("sources"), form, errors)).build();
    }

    @GET
    @Path("{id}")
    public TemplateInstance source(@RestPath long id, @RestQuery int page, @RestQuery String notice) {
        ScraperSource source = find(id);
        return page(source, ScraperForm.of(source), FormErrors.none(), page, notice);
    }

    @POST
    @Path("{id}")
    public Response update(@RestPath long id, @RestForm String csrf, @RestForm String url, @RestForm String type,
            @RestForm boolean enabled, @RestForm String intervalMinutes, @RestForm String categoryId,
            @RestForm String priority, @RestForm String maxConnections, @RestForm String username,
            @RestForm String password) {
        current.requireToken(csrf);
        ScraperSource source = find(id);
        ScraperForm form = new ScraperForm(url, type, enabled, intervalMinutes, categoryId, priority,
                maxConnections, username, password);
        FormErrors errors = FormErrors.none();
        ScraperSourceInput input = errors.validated(validator, form.toInput(errors));
        if (!errors.any()) {
            try {
                scrapers.update(id, input);
                return seeOther(id, "saved");
            } catch (ApiException e) {
                errors = FormErrors.of(e);
            }
        }
        return Response.status(400).entity(page(source, form, errors, 0, null)).build();
    }

    /** Runs the source now, on this worker thread, as {@code POST /api/scraper-sources/{id}/run} does. */
    @POST
    @Path("{id}/run")
    public Response run(@RestPath long id, @RestForm String csrf) {
        current.requireToken(csrf);
        find(id);
        try {
            runner.run(id);
        } catch (ApiException e) {
            throw new ConsoleRefusal(e.status(), e.getMessage());
        }
        return seeOther(id, "scraped");
    }

    @POST
    @Path("{id}/delete")
    public Response delete(@RestPath long id, @RestForm String csrf) {
        current.requireToken(csrf);
        try {
            scrapers.delete(id);
        } catch (ApiException e) {
            throw new ConsoleRefusal(e.status(), e.getMessage());
        }
        return Response.seeOther(URI.create("/console/sources?notice=deleted")).build();
    }

    private TemplateInstance page(ScraperSource source, ScraperForm form, FormErrors errors, int page,
            String notice) {
        int p = Math.max(0, page);
        var runs = scrapers.runs(source.id, p, RUNS_PER_PAGE);
        return Templates.source(current.frame("sources"), source.id, SourcesResource.title(source.url), form,
                errors, runs.items().stream().map(RunRow::of).toList(),
                Pager.of("/console/sources/scraper/" + source.id, Map.of(), p, RUNS_PER_PAGE, runs.total()),
                NOTICES.getOrDefault(notice == null ? "" : notice, ""));
    }

    private ScraperSource find(long id) {
        try {
            return scrapers.get(id);
        } catch (ApiException e) {
            throw new ConsoleRefusal(404, "Scraper source " + id + " does not exist.");
        }
    }

    private static Response seeOther(long id, String notice) {
        return Response.seeOther(URI.create("/console/sources/scraper/" + id + "?notice=" + notice)).build();
    }
}
