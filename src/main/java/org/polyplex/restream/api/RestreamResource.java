package org.polyplex.restream.api;

import java.net.URI;
import java.util.Map;

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
import org.polyplex.platform.web.Page;
import org.polyplex.platform.web.PageRequest;
import org.polyplex.restream.RestreamInput;
import org.polyplex.restream.RestreamService;
import org.polyplex.restream.model.Restream;
import org.polyplex.restream.run.RestreamStatus;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code /api/restreams}: a channel to N destinations; start, stop, status per destination, and
 * {@code POST /api/restreams/stop-all}, the emergency stop of every restream.
 */
@Path("/api/restreams")
@RolesAllowed(Role.ADMIN)
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RestreamResource {

    private final RestreamService restreams;
    private final ApiConfig api;

    RestreamResource(RestreamService restreams, ApiConfig api) {
        this.restreams = restreams;
        this.api = api;
    }

    @GET
    public Response list(@BeanParam PageRequest page) {
        Page<Restream> found = restreams.list(page.page(), page.size(api));
        return new Page<>(restreams.statuses(found.items()), found.total()).toResponse();
    }

    @GET
    @Path("{id}")
    public RestreamStatus get(@PathParam("id") long id) {
        return restreams.status(id);
    }

    @POST
    public Response create(@Valid @NotNull RestreamInput input) {
        long id = restreams.create(input).id;
        return Response.created(URI.create("/api/restreams/" + id)).entity(restreams.status(id)).build();
    }

    /** Replaces channel and destinations; a running restream takes them at its next start. */
    @PUT
    @Path("{id}")
    public RestreamStatus replace(@PathParam("id") long id, @Valid @NotNull RestreamInput input) {
        restreams.update(id, input);
        return restreams.status(id);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        restreams.delete(id);
        return Response.noContent().build();
    }

    /** Starts it; 409 when it runs already. */
    @POST
    @Path("{id}/start")
    public RestreamStatus start(@PathParam("id") long id) {
        return restreams.start(id);
    }

    @POST
    @Path("{id}/stop")
    public RestreamStatus stop(@PathParam("id") long id) {
        return restreams.stop(id);
    }

    /** Stops every running restream and answers once their ffmpegs are gone: {@code {"stopped": n}}. */
    @POST
    @Path("stop-all")
    public Map<String, Integer> stopAll() {
        return Map.of("stopped", restreams.stopAll("emergency stop by an admin"));
    }
}
