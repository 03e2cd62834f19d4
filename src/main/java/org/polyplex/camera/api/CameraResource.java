package org.polyplex.camera.api;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletionStage;

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
import org.polyplex.camera.CameraInput;
import org.polyplex.camera.CameraService;
import org.polyplex.camera.Cameras;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import io.smallrye.common.annotation.Blocking;

/**
 * {@code /api/cameras}: IP cameras (docs/cameras.md). Each camera has a linked channel
 * ({@code channelId}); the password is write-only ({@code hasPassword}); {@code health} is what the
 * last probe found; {@code snapshot} answers a JPEG.
 */
@Path("/api/cameras")
@RolesAllowed(Role.ADMIN)
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CameraResource {

    private final CameraService cameras;
    private final Cameras live;

    CameraResource(CameraService cameras, Cameras live) {
        this.cameras = cameras;
        this.live = live;
    }

    @GET
    public List<CameraView> list() {
        return cameras.list().stream().map(c -> CameraView.of(c, live.health(c.id))).toList();
    }

    @GET
    @Path("{id}")
    public CameraView get(@PathParam("id") long id) {
        return CameraView.of(cameras.get(id), live.health(id));
    }

    @POST
    public Response create(@Valid @NotNull CameraInput input) {
        var camera = cameras.create(input);
        live.probeSoon(camera.id);
        CameraView created = CameraView.of(camera, live.health(camera.id));
        return Response.created(URI.create("/api/cameras/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("{id}")
    public CameraView replace(@PathParam("id") long id, @Valid @NotNull CameraInput input) {
        var camera = cameras.update(id, input);
        live.probeSoon(id);
        return CameraView.of(camera, live.health(id));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        cameras.delete(id);
        live.forget(id);
        return Response.noContent().build();
    }

    /** Probes the camera now (OPTIONS and DESCRIBE) and answers it with its new health. */
    @POST
    @Path("{id}/probe")
    @Blocking
    public CompletionStage<CameraView> probe(@PathParam("id") long id) {
        var camera = cameras.get(id);
        return live.probeNow(id).thenApply(h -> CameraView.of(camera, h));
    }

    /** The camera's current picture; 502 when it cannot give one, 504 when it does not in time. */
    @GET
    @Path("{id}/snapshot")
    @Blocking
    @Produces({ "image/jpeg", MediaType.APPLICATION_JSON })
    public CompletionStage<Response> snapshot(@PathParam("id") long id) {
        cameras.get(id);
        return live.snapshot(id).thenApply(jpeg -> Response.ok(jpeg, "image/jpeg")
                .header("Cache-Control", "no-store").build());
    }
}
