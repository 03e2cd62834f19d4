package org.polyplex.platform.load;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.polyplex.platform.http.ClientAddress;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Holds every Xtream control-plane request to its client address's share
 * ({@code polyplex.load.per-address}, the address being the {@link ClientAddress}) before anything else runs: the routes that
 * read
 * credentials, catalogs and guides come after it. Runs on the event loop and never blocks.
 */
@ApplicationScoped
class LoadFilter {

    static final String PATHS = "^/(player_api|panel_api|get|xmltv)\\.php$|^/hdhr/[^/]+/[^/]+/[^/]+$";

    private final RequestLimits limits;
    private final ClientAddress addresses;

    LoadFilter(RequestLimits limits, ClientAddress addresses) {
        this.limits = limits;
        this.addresses = addresses;
    }

    void install(@Observes Router router) {
        router.routeWithRegex(PATHS).order(-200).handler(this::admit);
    }

    private void admit(RoutingContext ctx) {
        if (!limits.enterAddress(ctx, addresses.of(ctx.request()))) {
            tooMany(ctx, "too many requests at once from this address");
            return;
        }
        ctx.next();
    }

    /** The answer when a share is used up: {@code 429} with {@code Retry-After}, JSON for JSON paths. */
    static void tooMany(RoutingContext ctx, String message) {
        ctx.response().setStatusCode(429).putHeader(HttpHeaders.RETRY_AFTER, "1")
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end("{\"error\":\"" + message + "\"}");
    }
}
