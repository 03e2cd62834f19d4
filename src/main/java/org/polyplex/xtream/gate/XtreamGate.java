package org.polyplex.xtream.gate;

import java.time.Clock;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.polyplex.accounts.auth.AccessVerdict;
import org.polyplex.accounts.auth.LineAccessGuard;
import org.polyplex.accounts.auth.LineAuthenticator;
import org.polyplex.accounts.auth.LineLogin;
import org.polyplex.catalog.CatalogService;
import org.polyplex.catalog.CatalogSnapshot;
import org.polyplex.platform.http.PublicAddressConfig;
import org.polyplex.platform.http.ServerAddress;
import org.polyplex.platform.load.Refusals;
import org.polyplex.platform.load.RequestLimits;
import org.polyplex.platform.web.ApiError;

import io.vertx.core.http.HttpServerRequest;

/**
 * Authenticates a {@code player_api.php} or {@code panel_api.php} request and hands the
 * resulting session to the action. Bad credentials answer {@code {"user_info":{"auth":0}}} with
 * HTTP 200: that is what panels do, and what apps test for (most show "invalid login" only on
 * {@code auth == 0} and a generic network error on any non-200 status). A line refused by its
 * access rules ({@link LineAccessGuard}) gets {@code 403} with the rule's code, as on the streams.
 */
@ApplicationScoped
public class XtreamGate {

    static final Map<String, Map<String, Integer>> AUTH_FAILED = Map.of("user_info", Map.of("auth", 0));

    private final LineAuthenticator authenticator;
    private final CatalogService catalog;
    private final PublicAddressConfig publicAddress;
    private final Clock clock;
    private final RequestLimits limits;
    private final LineAccessGuard guard;

    XtreamGate(LineAuthenticator authenticator, CatalogService catalog, PublicAddressConfig publicAddress, Clock clock,
            RequestLimits limits, LineAccessGuard guard) {
        this.guard = guard;
        this.limits = limits;
        this.authenticator = authenticator;
        this.catalog = catalog;
        this.publicAddress = publicAddress;
        this.clock = clock;
    }

    public Response handle(XtreamParams params, HttpServerRequest request, Function<XtreamSession, Response> action) {
        String username = params.get("username");
        String password = params.get("password");
        LineLogin login = authenticator.login(username, password, request);
        if (login instanceof LineLogin.Throttled throttled) {
            return Response.status(429).type(MediaType.APPLICATION_JSON)
                    .header("Retry-After", throttled.retryAfterSeconds())
                    .entity(AUTH_FAILED).build();
        }
        if (!(login instanceof LineLogin.Accepted accepted)) {
            return Response.ok(AUTH_FAILED, MediaType.APPLICATION_JSON).build();
        }
        if (guard.check(accepted.account(), request) instanceof AccessVerdict.Refused refused) {
            return Response.status(403).type(MediaType.APPLICATION_JSON).header("Cache-Control", "no-store")
                    .entity(new ApiError(403, refused.code(), refused.message())).build();
        }
        if (!limits.enterLine(accepted.account().id())) {
            return Refusals.tooMany();
        }
        CatalogSnapshot snapshot = catalog.snapshot();
        XtreamSession session = new XtreamSession(accepted.account(), password, snapshot,
                snapshot.access(accepted.account().bouquetIds()),
                ServerAddress.of(publicAddress, request), clock.instant());
        return action.apply(session);
    }

    /** Query parameters merged with form parameters; the form wins, as PHP's {@code $_REQUEST} does by default. */
    public record XtreamParams(MultivaluedMap<String, String> query, MultivaluedMap<String, String> form) {

        public String get(String name) {
            String value = form == null ? null : form.getFirst(name);
            return value != null ? value : query.getFirst(name);
        }
    }
}
