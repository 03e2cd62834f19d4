package org.polyplex.accounts.token;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
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
import org.polyplex.accounts.AccountService;
import org.polyplex.accounts.AuthConfig;
import org.polyplex.accounts.Role;
import org.polyplex.accounts.auth.LoginRateLimiter;
import org.polyplex.platform.http.ClientAddress;
import org.polyplex.platform.logging.Redaction;
import org.polyplex.platform.web.ApiError;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;

import io.vertx.core.http.HttpServerRequest;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.jwt.build.Jwt;

/**
 * {@code POST /api/auth/token}: exchanges an admin's username and password for a bearer token.
 * Credentials are checked by Security JPA against the database, after the throttle of
 * {@link LoginRateLimiter}. Anything but an active admin's right password answers the same 401.
 */
@Path("/api/auth/token")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TokenResource {

    private final IdentityProviderManager identities;
    private final AccountService accounts;
    private final LoginRateLimiter limiter;
    private final AuthConfig config;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final ClientAddress addresses;

    TokenResource(IdentityProviderManager identities, AccountService accounts, LoginRateLimiter limiter,
            AuthConfig config, Clock clock, MeterRegistry metrics, ClientAddress addresses) {
        this.addresses = addresses;
        this.clock = clock;
        this.metrics = metrics;
        this.identities = identities;
        this.accounts = accounts;
        this.limiter = limiter;
        this.config = config;
    }

    @POST
    public Response token(@Valid @NotNull TokenRequest request, HttpServerRequest http) {
        String address = addresses.of(http);
        Duration wait = limiter.retryAfter(request.username(), address);
        if (!wait.isZero()) {
            count("throttled");
            long seconds = Math.max(1, wait.toSeconds());
            return error(429, "too_many_requests", "too many failed logins; retry in " + seconds + " s")
                    .header("Retry-After", seconds).build();
        }
        Optional<Account> admin = activeAdmin(request, address);
        if (admin.isEmpty()) {
            limiter.failed(request.username(), address);
            return error(401, "invalid_credentials", "invalid username or password").build();
        }
        limiter.succeeded(request.username(), address);
        Account account = admin.get();
        String token = Jwt.issuer(config.issuer())
                .upn(account.username())
                .subject(Long.toString(account.id()))
                .groups(Set.of(Role.ADMIN))
                .expiresIn(config.tokenTtl())
                .sign();
        count("issued");
        return Response.ok(new TokenResponse(token, "Bearer", config.tokenTtl().toSeconds())).build();
    }

    /**
     * The account when the password is right and it is an active admin. A subscriber's right
     * password, or an expired or disabled admin's, answers exactly like a wrong one (and counts as
     * a failure), so this endpoint tells nobody whether a subscriber password is right; the
     * reason is logged, never the password.
     */
    private Optional<Account> activeAdmin(TokenRequest request, String address) {
        try {
            identities.authenticateBlocking(new UsernamePasswordAuthenticationRequest(
                    request.username(), new PasswordCredential(request.password().toCharArray())));
        } catch (AuthenticationFailedException e) {
            count("failed");
            Log.infof("admin login failed username=%s address=%s", Redaction.escapeControls(request.username()),
                    address);
            return Optional.empty();
        }
        Account account = accounts.snapshot().byUsername(request.username()).orElse(null);
        if (account == null || !account.admin() || account.status(clock.instant()) != Account.Status.ACTIVE) {
            count("forbidden");
            Log.infof("admin login refused username=%s address=%s: %s", Redaction.escapeControls(request.username()),
                    address, account == null ? "unknown account"
                            : account.admin() ? "account " + account.status(clock.instant()) : "not an admin");
            return Optional.empty();
        }
        return Optional.of(account);
    }

    private void count(String outcome) {
        metrics.counter("polyplex_admin_logins", "outcome", outcome).increment();
    }

    private static Response.ResponseBuilder error(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(status, code, message));
    }
}
