package org.polyplex.restream.api;

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
import org.polyplex.platform.web.ApiConfig;
import org.polyplex.platform.web.PageRequest;
import org.polyplex.restream.destination.DestinationInput;
import org.polyplex.restream.destination.DestinationService;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code /api/destinations}: RTMP(S) ingests restreams send to; stream keys are write-only. */
@Path("/api/destinations")
@RolesAllowed(Role.ADMIN)
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DestinationResource {

    private final DestinationService destinations;
    private final ApiConfig api;

    DestinationResource(DestinationService destinations, ApiConfig api) {
        this.destinations = destinations;
        this.api = api;
    }

    @GET
    public Response list(@QueryParam("q") String q, @BeanParam PageRequest page) {
        return destinations.list(q, page.page(), page.size(api)).map(DestinationView::of).toResponse();
    }

    @GET
    @Path("{id}")
    public DestinationView get(@PathParam("id") long id) {
        return DestinationView.of(destinations.get(id));
    }

    @POST
    public Response create(@Valid @NotNull DestinationInput input) {
        DestinationView created = DestinationView.of(destinations.create(input));
        return Response.created(URI.create("/api/destinations/" + created.id())).entity(created).build();
    }

    /** Replaces it; a null {@code streamKey} keeps the stored key. */
    @PUT
    @Path("{id}")
    public DestinationView replace(@PathParam("id") long id, @Valid @NotNull DestinationInput input) {
        return DestinationView.of(destinations.update(id, input));
    }

    /** Deletes it; 409 while a restream uses it. */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        destinations.delete(id);
        return Response.noContent().build();
    }
}
