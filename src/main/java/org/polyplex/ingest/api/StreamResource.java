package org.polyplex.ingest.api;

import java.net.URI;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.polyplex.accounts.Role;
import org.polyplex.ingest.StreamInput;
import org.polyplex.ingest.StreamPatch;
import org.polyplex.ingest.StreamService;
import org.polyplex.ingest.StreamStatus;
import org.polyplex.ingest.generation.Generations;
import org.polyplex.ingest.stats.StatsView;
import org.polyplex.ingest.stats.StreamStats;
import org.polyplex.platform.web.ApiConfig;
import org.polyplex.platform.web.PageRequest;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import io.smallrye.common.annotation.Blocking;

/** {@code /api/streams}: published streams, their start, stop, status and generations; filter {@code q}. */
@Path("/api/streams")
@RolesAllowed(Role.ADMIN)
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class StreamResource {

    private final StreamService streams;
    private final Generations generations;
    private final ApiConfig api;
    private final StreamStats stats;

    StreamResource(StreamService streams, Generations generations, ApiConfig api, StreamStats stats) {
        this.streams = streams;
        this.generations = generations;
        this.api = api;
        this.stats = stats;
    }

    @GET
    public Response list(@QueryParam("q") String q, @BeanParam PageRequest page) {
        return streams.list(q, page.page(), page.size(api)).map(StreamView::of).toResponse();
    }

    @GET
    @Path("{id}")
    public StreamView get(@PathParam("id") long id) {
        return StreamView.of(streams.get(id));
    }

    @POST
    public Response create(@Valid @NotNull StreamInput input) {
        StreamView created = StreamView.of(streams.create(input));
        return Response.created(URI.create("/api/streams/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("{id}")
    public StreamView replace(@PathParam("id") long id, @Valid @NotNull StreamInput input) {
        return StreamView.of(streams.update(id, new StreamPatch(input.name(), input.visibility(),
                Boolean.TRUE.equals(input.allowTakeover()))));
    }

    @PATCH
    @Path("{id}")
    public StreamView patch(@PathParam("id") long id, @Valid @NotNull StreamPatch patch) {
        return StreamView.of(streams.update(id, patch));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        streams.delete(id);
        return Response.noContent().build();
    }

    /** Opens a generation that waits for a publisher; 409 when one is open. */
    @POST
    @Path("{id}/start")
    public GenerationView start(@PathParam("id") long id) {
        long generationId = generations.start(id).generationId();
        return generations.openOf(id).filter(g -> g.id == generationId).map(GenerationView::of)
                .orElseThrow(() -> new IllegalStateException("generation " + generationId + " vanished"));
    }

    /** Ends the open generation; 409 when none is open. */
    @POST
    @Path("{id}/stop")
    public GenerationView stop(@PathParam("id") long id) {
        return GenerationView.of(generations.stop(id, "stopped by an admin"));
    }

    @GET
    @Path("{id}/status")
    @Blocking
    public CompletionStage<StreamStatus> status(@PathParam("id") long id) {
        return streams.status(id);
    }

    /** The stream's sampled figures and their history (docs/streams.md#stats); 404 for an unknown stream. */
    @GET
    @Path("{id}/stats")
    public StatsView stats(@PathParam("id") long id) {
        streams.get(id);
        return StatsView.of(stats, id);
    }

    /** The stream's generations, newest first. */
    @GET
    @Path("{id}/generations")
    public Response generations(@PathParam("id") long id, @BeanParam PageRequest page) {
        return generations.list(id, page.page(), page.size(api)).map(GenerationView::of).toResponse();
    }
}
