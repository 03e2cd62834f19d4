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
import org.polyplex.epg.EpgSourceInput;
import org.polyplex.epg.EpgSourceService;
import org.polyplex.epg.importer.ImportProgress;
import org.polyplex.epg.importer.ImportRunner;
import org.polyplex.epg.model.EpgSource;
import org.polyplex.platform.web.ApiException;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.common.annotation.Blocking;

/**
 * One guide (XMLTV) source: create, edit, its run history, run now, delete, and the live progress
 * of a running import (channels and programmes parsed so far), which the page polls every
 * {@value #PROGRESS_SECONDS} s while the import runs. Writes go through {@link EpgSourceService}
 * with the {@link EpgSourceInput} that {@code /api/epg-sources} validates.
 */
@Path("/console/sources/epg")
@Blocking
@Produces(MediaType.TEXT_HTML)
public class GuideSourcePages {

    static final int RUNS_PER_PAGE = 10;
    /** Seconds between two polls of a running import's progress. */
    static final int PROGRESS_SECONDS = 1;
    static final String FIELDS = "url,enabled,intervalMinutes,offsetMinutes";

    private static final Map<String, String> NOTICES = Map.of(
            "created", "The guide source is created. Import it now, or wait for its interval.",
            "saved", "Saved.",
            "started", "The import is running: its progress shows below.",
            "busy", "That guide is importing already.");

    /** A running import's progress, or {@code running=false} once it has ended. */
    @TemplateData
    public record Progress(long id, boolean running, int channels, int programmes, int skipped, int refresh) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance create(Frame frame, GuideForm form, FormErrors errors);

        static native TemplateInstance source(Frame frame, long id, String title, GuideForm form,
                FormErrors errors, Progress progress, List<RunRow> runs, Pager pager, String notice);

        static native TemplateInstance progress(Progress progress);
    }

    private final EpgSourceService guides;
    private final ImportRunner runner;
    private final CurrentSession current;
    private final Validator validator;

    GuideSourcePages(EpgSourceService guides, ImportRunner runner, CurrentSession current, Validator validator) {
        this.guides = guides;
        this.runner = runner;
        this.current = current;
        this.validator = validator;
    }

    @GET
    @Path("new")
    public TemplateInstance blank() {
        return Templates.create(current.frame("sources"), GuideForm.blank(), FormErrors.none());
    }

    @POST
    public Response create(@RestForm String csrf, @RestForm String url, @RestForm boolean enabled,
            @RestForm String intervalMinutes, @RestForm String offsetMinutes) {
        current.requireToken(csrf);
        GuideForm form = new GuideForm(url, enabled, intervalMinutes, offsetMinutes);
        FormErrors errors = FormErrors.none();
        EpgSourceInput input = errors.validated(validator, form.toInput(errors));
        if (!errors.any()) {
            try {
                return seeOther(guides.create(input).id, "created");
            } catch (ApiException e) {
                errors = FormErrors.of(e);
            }
        }
        return Response.status(400).entity(Templates.create(current.frame("sources"), form, errors)).build();
    }

    @GET
    @Path("{id}")
    public TemplateInstance source(@RestPath long id, @RestQuery int page, @RestQuery String notice) {
        EpgSource source = find(id);
        return page(source, GuideForm.of(source), FormErrors.none(), page, notice);
    }

    @POST
    @Path("{id}")
    public Response update(@RestPath long id, @RestForm String csrf, @RestForm String url, @RestForm boolean enabled,
            @RestForm String intervalMinutes, @RestForm String offsetMinutes) {
        current.requireToken(csrf);
        EpgSource source = find(id);
        GuideForm form = new GuideForm(url, enabled, intervalMinutes, offsetMinutes);
        FormErrors errors = FormErrors.none();
        EpgSourceInput input = errors.validated(validator, form.toInput(errors));
        if (!errors.any()) {
            try {
                guides.update(id, input);
                return seeOther(id, "saved");
            } catch (ApiException e) {
                errors = FormErrors.of(e);
            }
        }
        return Response.status(400).entity(page(source, form, errors, 0, null)).build();
    }

    /** Starts an import now; the page then follows its progress. */
    @POST
    @Path("{id}/run")
    public Response run(@RestPath long id, @RestForm String csrf) {
        current.requireToken(csrf);
        find(id);
        if (runner.isRunning(id)) {
            return seeOther(id, "busy");
        }
        try {
            runner.start(id, "manual");
        } catch (ApiException e) {
            throw new ConsoleRefusal(e.status(), e.getMessage());
        }
        return seeOther(id, "started");
    }

    /** The progress box alone: polled while the import runs, it stops polling once it has ended. */
    @GET
    @Path("{id}/progress")
    public TemplateInstance progress(@RestPath long id) {
        find(id);
        return Templates.progress(progressOf(id));
    }

    @POST
    @Path("{id}/delete")
    public Response delete(@RestPath long id, @RestForm String csrf) {
        current.requireToken(csrf);
        try {
            guides.delete(id);
        } catch (ApiException e) {
            throw new ConsoleRefusal(e.status(), e.getMessage());
        }
        return Response.seeOther(URI.create("/console/sources?notice=deleted")).build();
    }

    private Progress progressOf(long id) {
        ImportProgress.Counts counts = runner.progress(id).orElse(null);
        return counts == null ? new Progress(id, false, 0, 0, 0, PROGRESS_SECONDS)
                : new Progress(id, true, counts.channels(), counts.programmes(), counts.skipped(), PROGRESS_SECONDS);
    }

    private TemplateInstance page(EpgSource source, GuideForm form, FormErrors errors, int page, String notice) {
        int p = Math.max(0, page);
        var runs = guides.runs(source.id, p, RUNS_PER_PAGE);
        return Templates.source(current.frame("sources"), source.id, SourcesResource.title(source.url), form,
                errors, progressOf(source.id), runs.items().stream().map(RunRow::of).toList(),
                Pager.of("/console/sources/epg/" + source.id, Map.of(), p, RUNS_PER_PAGE, runs.total()),
                NOTICES.getOrDefault(notice == null ? "" : notice, ""));
    }

    private EpgSource find(long id) {
        try {
            return guides.get(id);
        } catch (ApiException e) {
            throw new ConsoleRefusal(404, "Guide source " + id + " does not exist.");
        }
    }

    private static Response seeOther(long id, String notice) {
        return Response.seeOther(URI.create("/console/sources/epg/" + id + "?notice=" + notice)).build();
    }
}
