package org.polyplex.scraping.api;

import java.net.URI;

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
import org.polyplex.platform.web.ApiConfig;
import org.polyplex.platform.web.PageRequest;
import org.polyplex.scraping.ScrapeRunner;
import org.polyplex.scraping.ScraperSourceInput;
import org.polyplex.scraping.ScraperSourceService;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code /api/scraper-sources}: CRUD, {@code POST {id}/run} (runs now on this worker thread and
 * answers the finished run) and {@code GET {id}/runs} (newest first).
 */
@Path("/api/scraper-sources")
@RolesAllowed(Role.ADMIN)
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ScraperSourceResource {

    private final ScraperSourceService sources;
    private final ScrapeRunner runner;
    private final ApiConfig api;

    ScraperSourceResource(ScraperSourceService sources, ScrapeRunner runner, ApiConfig api) {
        this.sources = sources;
        this.runner = runner;
        this.api = api;
    }

    @GET
    public Response list(@BeanParam PageRequest page) {
        return sources.list(page.page(), page.size(api)).map(ScraperSourceView::of).toResponse();
    }

    @GET
    @Path("{id}")
    public ScraperSourceView get(@PathParam("id") long id) {
        return ScraperSourceView.of(sources.get(id));
    }

    @POST
    public Response create(@Valid @NotNull ScraperSourceInput input) {
        ScraperSourceView created = ScraperSourceView.of(sources.create(input));
        return Response.created(URI.create("/api/scraper-sources/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("{id}")
    public ScraperSourceView update(@PathParam("id") long id, @Valid @NotNull ScraperSourceInput input) {
        return ScraperSourceView.of(sources.update(id, input));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        sources.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/run")
    public ScrapeRunView run(@PathParam("id") long id) {
        return ScrapeRunView.of(runner.run(id));
    }

    @GET
    @Path("{id}/runs")
    public Response runs(@PathParam("id") long id, @BeanParam PageRequest page) {
        return sources.runs(id, page.page(), page.size(api)).map(ScrapeRunView::of).toResponse();
    }
}
