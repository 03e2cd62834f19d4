package org.polyplex.catalog.api;

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
import org.polyplex.catalog.BouquetInput;
import org.polyplex.catalog.BouquetService;
import org.polyplex.platform.web.ApiConfig;
import org.polyplex.platform.web.PageRequest;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code /api/bouquets}: filter {@code q}. */
@Path("/api/bouquets")
@RolesAllowed(Role.ADMIN)
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BouquetResource {

    private final BouquetService bouquets;
    private final ApiConfig api;

    BouquetResource(BouquetService bouquets, ApiConfig api) {
        this.bouquets = bouquets;
        this.api = api;
    }

    @GET
    public Response list(@QueryParam("q") String q, @BeanParam PageRequest page) {
        return bouquets.list(q, page.page(), page.size(api)).map(BouquetView::of).toResponse();
    }

    @GET
    @Path("{id}")
    public BouquetView get(@PathParam("id") long id) {
        return BouquetView.of(bouquets.get(id));
    }

    @POST
    public Response create(@Valid @NotNull BouquetInput input) {
        BouquetView created = BouquetView.of(bouquets.create(input));
        return Response.created(URI.create("/api/bouquets/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("{id}")
    public BouquetView update(@PathParam("id") long id, @Valid @NotNull BouquetInput input) {
        return BouquetView.of(bouquets.update(id, input));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        bouquets.delete(id);
        return Response.noContent().build();
    }
}
