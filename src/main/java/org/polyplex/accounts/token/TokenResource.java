package org.polyplex.accounts.token;

import java.util.Set;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.polyplex.accounts.Account;
import org.polyplex.accounts.AuthConfig;
import org.polyplex.accounts.Role;
import org.polyplex.accounts.auth.AdminLogins;
import org.polyplex.platform.http.ClientAddress;
import org.polyplex.platform.web.ApiError;

import io.vertx.core.http.HttpServerRequest;

import io.smallrye.jwt.build.Jwt;

/**
 * {@code POST /api/auth/token}: exchanges an admin's username and password for a bearer token.
 * The check (throttle, password, active admin) is {@link AdminLogins}, shared with the web
 * console. Anything but an active admin's right password answers the same 401.
 */
@Path("/api/auth/token")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TokenResource {

    private final AdminLogins logins;
    private final AuthConfig config;
    private final ClientAddress addresses;

    TokenResource(AdminLogins logins, AuthConfig config, ClientAddress addresses) {
        this.logins = logins;
        this.config = config;
        this.addresses = addresses;
    }

    @POST
    public Response token(@Valid @NotNull TokenRequest request, HttpServerRequest http) {
        AdminLogins.Outcome outcome = logins.attempt(request.username(), request.password(), addresses.of(http));
        if (outcome instanceof AdminLogins.Throttled throttled) {
            return error(429, "too_many_requests", "too many failed logins; retry in " + throttled.seconds() + " s")
                    .header("Retry-After", throttled.seconds()).build();
        }
        if (!(outcome instanceof AdminLogins.Admitted admitted)) {
            return error(401, "invalid_credentials", "invalid username or password").build();
        }
        Account account = admitted.account();
        String token = Jwt.issuer(config.issuer())
                .upn(account.username())
                .subject(Long.toString(account.id()))
                .groups(Set.of(Role.ADMIN))
                .expiresIn(config.tokenTtl())
                .sign();
        return Response.ok(new TokenResponse(token, "Bearer", config.tokenTtl().toSeconds())).build();
    }

    private static Response.ResponseBuilder error(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(status, code, message));
    }
}
