package org.polyplex.catalog.vod.api;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.polyplex.accounts.Role;
import org.polyplex.catalog.vod.SeriesInput;
import org.polyplex.catalog.vod.SeriesService;
import org.polyplex.platform.web.ApiConfig;
import org.polyplex.platform.web.PageRequest;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code /api/series}: filters {@code categoryId}, {@code q}. */
@Path("/api/series")
@RolesAllowed(Role.ADMIN)
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SeriesResource {

    private final SeriesService service;
    private final ApiConfig api;

    SeriesResource(SeriesService service, ApiConfig api) {
        this.service = service;
        this.api = api;
    }

    @GET
    public Response list(@QueryParam("categoryId") Long categoryId, @QueryParam("q") String q,
            @BeanParam PageRequest page) {
        return service.list(categoryId, q, page.page(), page.size(api)).map(SeriesView::of).toResponse();
    }

    @GET
    @Path("{id}")
    public SeriesView get(@PathParam("id") long id) {
        return SeriesView.of(service.get(id));
    }

    @POST
    public Response create(@Valid @NotNull SeriesInput input) {
        SeriesView created = SeriesView.of(service.create(input));
        return Response.created(URI.create("/api/series/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("{id}")
    public SeriesView update(@PathParam("id") long id, @Valid @NotNull SeriesInput input) {
        return SeriesView.of(service.update(id, input));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        service.delete(id);
        return Response.noContent().build();
    }
}
