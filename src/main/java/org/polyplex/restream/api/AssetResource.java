package org.polyplex.restream.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.polyplex.accounts.Role;
import org.polyplex.restream.model.Asset;
import org.polyplex.restream.overlay.AssetService;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code /api/assets}: PNG images (logos, with alpha) for image overlays. {@code POST} takes the
 * PNG as the body ({@code Content-Type: image/png}, {@code ?name=} optional).
 */
@Path("/api/assets")
@RolesAllowed(Role.ADMIN)
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
public class AssetResource {

    /** An asset as answered. */
    public record AssetView(long id, String name, long sizeBytes, int width, int height, Instant createdAt) {
        static AssetView of(Asset a) {
            return new AssetView(a.id, a.name, a.sizeBytes, a.width, a.height, a.createdAt);
        }
    }

    private final AssetService assets;

    AssetResource(AssetService assets) {
        this.assets = assets;
    }

    @GET
    public List<AssetView> list() {
        return assets.list().stream().map(AssetView::of).toList();
    }

    @POST
    @Consumes("image/png")
    public Response create(@QueryParam("name") String name, byte[] png) {
        AssetView created = AssetView.of(assets.create(name, png == null ? new byte[0] : png));
        return Response.created(URI.create("/api/assets/" + created.id())).entity(created).build();
    }

    /** 409 while an overlay uses it. */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        assets.delete(id);
        return Response.noContent().build();
    }
}
