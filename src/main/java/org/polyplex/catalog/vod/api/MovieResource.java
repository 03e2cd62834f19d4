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
import org.polyplex.catalog.vod.MovieInput;
import org.polyplex.catalog.vod.MovieService;
import org.polyplex.platform.web.ApiConfig;
import org.polyplex.platform.web.PageRequest;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code /api/movies}: filters {@code categoryId}, {@code q}. */
@Path("/api/movies")
@RolesAllowed(Role.ADMIN)
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MovieResource {

    private final MovieService service;
    private final ApiConfig api;

    MovieResource(MovieService service, ApiConfig api) {
        this.service = service;
        this.api = api;
    }

    @GET
    public Response list(@QueryParam("categoryId") Long categoryId, @QueryParam("q") String q,
            @BeanParam PageRequest page) {
        return service.list(categoryId, q, page.page(), page.size(api)).map(MovieView::of).toResponse();
    }

    @GET
    @Path("{id}")
    public MovieView get(@PathParam("id") long id) {
        return MovieView.of(service.get(id));
    }

    @POST
    public Response create(@Valid @NotNull MovieInput input) {
        MovieView created = MovieView.of(service.create(input));
        return Response.created(URI.create("/api/movies/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("{id}")
    public MovieView update(@PathParam("id") long id, @Valid @NotNull MovieInput input) {
        return MovieView.of(service.update(id, input));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        service.delete(id);
        return Response.noContent().build();
    }
}
