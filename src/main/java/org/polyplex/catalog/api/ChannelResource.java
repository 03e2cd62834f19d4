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
import org.polyplex.catalog.ChannelInput;
import org.polyplex.catalog.ChannelService;
import org.polyplex.platform.web.ApiConfig;
import org.polyplex.platform.web.PageRequest;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code /api/channels} with their sources: filters {@code categoryId}, {@code enabled},
 * {@code q} (name contains) and {@code number}.
 */
@Path("/api/channels")
@RolesAllowed(Role.ADMIN)
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ChannelResource {

    private final ChannelService channels;
    private final ApiConfig api;

    ChannelResource(ChannelService channels, ApiConfig api) {
        this.channels = channels;
        this.api = api;
    }

    @GET
    public Response list(@QueryParam("categoryId") Long categoryId, @QueryParam("enabled") Boolean enabled,
            @QueryParam("q") String q, @QueryParam("number") Integer number, @BeanParam PageRequest page) {
        return channels.list(categoryId, enabled, q, number, page.page(), page.size(api)).map(ChannelView::of).toResponse();
    }

    @GET
    @Path("{id}")
    public ChannelView get(@PathParam("id") long id) {
        return ChannelView.of(channels.get(id));
    }

    @POST
    public Response create(@Valid @NotNull ChannelInput input) {
        ChannelView created = ChannelView.of(channels.create(input));
        return Response.created(URI.create("/api/channels/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("{id}")
    public ChannelView update(@PathParam("id") long id, @Valid @NotNull ChannelInput input) {
        return ChannelView.of(channels.update(id, input));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        channels.delete(id);
        return Response.noContent().build();
    }
}
