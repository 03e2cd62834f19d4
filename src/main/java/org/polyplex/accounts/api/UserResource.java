package org.polyplex.accounts.api;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.polyplex.accounts.AccountService;
import org.polyplex.accounts.Role;
import org.polyplex.accounts.User;
import org.polyplex.accounts.UserFilter;
import org.polyplex.accounts.UserInput;
import org.polyplex.accounts.auth.LineAccessGuard;
import org.polyplex.platform.web.ApiConfig;
import org.polyplex.platform.web.PageRequest;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code /api/users}: subscribers and admins. Passwords are write-only. A line's access rules are
 * its {@code access} object; {@code DELETE /api/users/{id}/first-address} forgets the address a
 * line locked to its first address was recorded with.
 */
@Path("/api/users")
@RolesAllowed(Role.ADMIN)
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {

    private final AccountService accounts;
    private final ApiConfig api;
    private final LineAccessGuard guard;

    UserResource(AccountService accounts, ApiConfig api, LineAccessGuard guard) {
        this.accounts = accounts;
        this.api = api;
        this.guard = guard;
    }

    @GET
    public Response list(@BeanParam UserFilter filter, @BeanParam PageRequest page) {
        return accounts.list(filter, page.page(), page.size(api)).map(this::view).toResponse();
    }

    @GET
    @Path("{id}")
    public UserView get(@PathParam("id") long id) {
        return view(accounts.get(id));
    }

    @POST
    public Response create(@Valid @NotNull UserInput input) {
        UserView created = view(accounts.create(input));
        return Response.created(URI.create("/api/users/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("{id}")
    public UserView update(@PathParam("id") long id, @Valid @NotNull UserInput input) {
        return view(accounts.update(id, input));
    }

    /** Forgets the line's recorded first address; answers the line as it is now. */
    @DELETE
    @Path("{id}/first-address")
    public UserView resetFirstAddress(@PathParam("id") long id) {
        guard.resetFirstAddress(id);
        return view(accounts.get(id));
    }

    private UserView view(User user) {
        return UserView.of(user, guard.latestRefusal(user.id).orElse(null));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        accounts.delete(id);
        return Response.noContent().build();
    }
}
