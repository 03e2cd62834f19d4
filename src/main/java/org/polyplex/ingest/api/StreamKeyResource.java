package org.polyplex.ingest.api;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.polyplex.accounts.Role;
import org.polyplex.ingest.keys.StreamKeys;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code /api/streams/{id}/keys}: a new key is answered once (and never cached); lists show ids,
 * labels and times only.
 */
@Path("/api/streams/{id}/keys")
@RolesAllowed(Role.ADMIN)
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class StreamKeyResource {

    private final StreamKeys keys;

    StreamKeyResource(StreamKeys keys) {
        this.keys = keys;
    }

    @GET
    public List<KeyView> list(@PathParam("id") long id) {
        return keys.list(id).stream().map(KeyView::of).toList();
    }

    /** Creates a key; the body ({@code {"label"}}) is optional. */
    @POST
    public Response create(@PathParam("id") long id, @Valid KeyInput input) {
        CreatedKeyView created = CreatedKeyView.of(keys.create(id, input == null ? null : input.label()));
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.created(URI.create("/api/streams/" + id + "/keys/" + created.id())).entity(created)
                .cacheControl(noStore).build();
    }

    /** Revokes a key: it never verifies again. */
    @DELETE
    @Path("{keyId}")
    public Response revoke(@PathParam("id") long id, @PathParam("keyId") long keyId) {
        keys.revoke(id, keyId);
        return Response.noContent().build();
    }
}
