package org.polyplex.proxy.api;

import java.util.concurrent.CompletionStage;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.polyplex.accounts.Role;
import org.polyplex.platform.web.ApiException;
import org.polyplex.proxy.session.SessionRegistry;
import org.polyplex.proxy.session.SessionsSnapshot;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code /api/sessions}: the data plane as admins see it. The snapshot is assembled on each
 * session's own context and returned asynchronously, so nothing here blocks or locks.
 */
@Path("/api/sessions")
@RolesAllowed(Role.ADMIN)
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
public class SessionsResource {

    private final SessionRegistry registry;

    SessionsResource(SessionRegistry registry) {
        this.registry = registry;
    }

    /** Upstream sessions and viewers of this node. */
    @GET
    public CompletionStage<SessionsSnapshot> list() {
        return registry.snapshot().toCompletionStage();
    }

    /** Kicks a viewer; given a session id, stops that session and ends its viewers. */
    @DELETE
    @Path("{id}")
    public Response kick(@PathParam("id") long id) {
        if (!registry.kick(id, "kicked by an admin")) {
            throw ApiException.notFound("session or viewer", id);
        }
        return Response.noContent().build();
    }
}
