package org.polyplex.epg.api;

import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.polyplex.accounts.Role;
import org.polyplex.epg.EpgConfig;
import org.polyplex.epg.EpgSourceInput;
import org.polyplex.epg.EpgSourceService;
import org.polyplex.epg.importer.ImportRunner;
import org.polyplex.epg.model.EpgRun;
import org.polyplex.epg.model.RunStatus;
import org.polyplex.platform.web.ApiConfig;
import org.polyplex.platform.web.ApiException;
import org.polyplex.platform.web.PageRequest;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code /api/epg-sources}: CRUD, {@code POST {id}/run} and {@code GET {id}/runs}. */
@Path("/api/epg-sources")
@RolesAllowed(Role.ADMIN)
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EpgSourceResource {

    private final EpgSourceService sources;
    private final ImportRunner runner;
    private final EpgConfig config;
    private final ApiConfig api;

    EpgSourceResource(EpgSourceService sources, ImportRunner runner, EpgConfig config, ApiConfig api) {
        this.sources = sources;
        this.runner = runner;
        this.config = config;
        this.api = api;
    }

    @GET
    public Response list(@BeanParam PageRequest page) {
        return sources.list(page.page(), page.size(api)).map(s -> EpgSourceView.of(s, runner.isRunning(s.id)))
                .toResponse();
    }

    @GET
    @Path("{id}")
    public EpgSourceView get(@PathParam("id") long id) {
        return EpgSourceView.of(sources.get(id), runner.isRunning(id));
    }

    @POST
    public Response create(@Valid @NotNull EpgSourceInput input) {
        EpgSourceView created = EpgSourceView.of(sources.create(input), false);
        return Response.created(URI.create("/api/epg-sources/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("{id}")
    public EpgSourceView update(@PathParam("id") long id, @Valid @NotNull EpgSourceInput input) {
        return EpgSourceView.of(sources.update(id, input), runner.isRunning(id));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        if (runner.isRunning(id)) {
            throw ApiException.conflict("id", "epg source " + id + " is importing; delete it when the run has ended");
        }
        sources.delete(id);
        return Response.noContent().build();
    }

    /**
     * Runs the source now. Answers 200 with the finished run when it ends within
     * {@code polyplex.epg.run-wait}, else 202 with the run still {@code running}; 409 when the
     * source is already importing.
     */
    @POST
    @Path("{id}/run")
    public Response run(@PathParam("id") long id) throws InterruptedException {
        sources.get(id);
        ImportRunner.Started started = runner.start(id, "manual");
        try {
            started.done().get(config.runWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // still running, or failed: the run record says which
        }
        EpgRun run = runner.run(started.runId());
        return Response.status(run.status == RunStatus.RUNNING ? 202 : 200).entity(EpgRunView.of(run)).build();
    }

    /** Runs of a source, newest first. */
    @GET
    @Path("{id}/runs")
    public Response runs(@PathParam("id") long id, @BeanParam PageRequest page) {
        return sources.runs(id, page.page(), page.size(api)).map(EpgRunView::of).toResponse();
    }
}
