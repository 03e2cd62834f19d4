package org.polyplex.restream.api;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import org.polyplex.restream.RestreamService;
import org.polyplex.restream.overlay.OverlayInput;
import org.polyplex.restream.overlay.OverlayService;
import org.polyplex.restream.overlay.OverlayView;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code /api/restreams/{id}/overlays} and {@code /api/restreams/{id}/overlay-values}: text drawn
 * on a restream's encoded destinations. A change of text or values is on air at the next frame
 * without restarting anything; adding, deleting or moving an overlay restarts the encoded
 * destinations' ffmpegs of a running restream (a new filter graph).
 */
@Path("/api/restreams/{id}")
@RolesAllowed(Role.ADMIN)
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OverlayResource {

    /** {@code {"values":{"temperature":"21 C"}}}. */
    public record Values(@NotNull Map<String, String> values) {
    }

    private final OverlayService overlays;
    private final RestreamService restreams;

    OverlayResource(OverlayService overlays, RestreamService restreams) {
        this.overlays = overlays;
        this.restreams = restreams;
    }

    @GET
    @Path("overlays")
    public List<OverlayView> list(@PathParam("id") long id) {
        return overlays.list(id);
    }

    @GET
    @Path("overlays/{overlayId}")
    public OverlayView get(@PathParam("id") long id, @PathParam("overlayId") long overlayId) {
        return overlays.get(id, overlayId);
    }

    @POST
    @Path("overlays")
    public Response create(@PathParam("id") long id, @Valid @NotNull OverlayInput input) {
        OverlayView created = overlays.create(id, input);
        restreams.refreshOverlays(id);
        return Response.created(URI.create("/api/restreams/" + id + "/overlays/" + created.id())).entity(created)
                .build();
    }

    /** Changes the given fields; a text alone goes on air without restarting any ffmpeg. */
    @PUT
    @Path("overlays/{overlayId}")
    public OverlayView update(@PathParam("id") long id, @PathParam("overlayId") long overlayId,
            @Valid @NotNull OverlayInput input) {
        overlays.update(id, overlayId, input);
        restreams.refreshOverlays(id);
        return overlays.get(id, overlayId);
    }

    @DELETE
    @Path("overlays/{overlayId}")
    public Response delete(@PathParam("id") long id, @PathParam("overlayId") long overlayId) {
        overlays.delete(id, overlayId);
        restreams.refreshOverlays(id);
        return Response.noContent().build();
    }

    @GET
    @Path("overlay-values")
    public Values values(@PathParam("id") long id) {
        return new Values(overlays.values(id));
    }

    /** Replaces the named template values; on air at once. */
    @PUT
    @Path("overlay-values")
    public Values replaceValues(@PathParam("id") long id, @Valid @NotNull Values input) {
        Values out = new Values(overlays.replaceValues(id, input.values()));
        restreams.refreshOverlays(id);
        return out;
    }
}
