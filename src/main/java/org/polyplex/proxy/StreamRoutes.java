package org.polyplex.proxy;

import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.polyplex.accounts.Account;
import org.polyplex.accounts.AccountService;
import org.polyplex.catalog.CatalogService;
import org.polyplex.catalog.CatalogSnapshot;
import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.platform.ApiError;

import io.quarkus.logging.Log;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Entry point of the proxy feature: the live stream routes {@code /live/{user}/{pass}/{id}[.ts]}
 * and the short form {@code /{user}/{pass}/{id}[.ts]}, GET and HEAD. Every refusal (401, 403,
 * 404, 503) is answered before any upstream is touched and before any stream byte.
 * <p>
 * The short form is a regular expression that only matches exactly three segments with a numeric
 * id and a first segment that is not one of the service's own prefixes, so it can never shadow
 * another route. {@code .m3u8} answers 404 until HLS output exists. Credentials are in these
 * paths, so log lines carry the user id and name only, never the path.
 */
@ApplicationScoped
public class StreamRoutes {

    static final String LIVE = "^/live/([^/]+)/([^/]+)/([0-9]{1,18})(\\.ts|\\.m3u8)?$";
    static final String SHORT = "^/(?!(?:api|q|live|movie|series|hls|streaming|player_api\\.php|panel_api\\.php"
            + "|get\\.php|xmltv\\.php)/)([^/]+)/([^/]+)/([0-9]{1,18})(\\.ts)?$";

    /** The context-local key Quarkus' HTTP server metrics read the route template from. */
    private static final String METRICS_TEMPLATE = "UrlPathTemplate";

    private final AccountService accounts;
    private final CatalogService catalog;
    private final SessionRegistry registry;
    private final ConnectionLimiter limiter;
    private final ProxyMetrics metrics;
    private final Clock clock;
    private final Vertx vertx;

    StreamRoutes(AccountService accounts, CatalogService catalog, SessionRegistry registry, ConnectionLimiter limiter,
            ProxyMetrics metrics, Clock clock, Vertx vertx) {
        this.accounts = accounts;
        this.catalog = catalog;
        this.registry = registry;
        this.limiter = limiter;
        this.metrics = metrics;
        this.clock = clock;
        this.vertx = vertx;
    }

    /** The user's open live viewers on this node (Xtream's {@code user_info.active_cons}). */
    public int activeConnections(long userId) {
        return limiter.count(userId);
    }

    void init(@Observes Router router) {
        router.routeWithRegex(HttpMethod.GET, LIVE).handler(this::handle);
        router.routeWithRegex(HttpMethod.HEAD, LIVE).handler(this::handle);
        router.routeWithRegex(HttpMethod.GET, SHORT).handler(this::handle);
        router.routeWithRegex(HttpMethod.HEAD, SHORT).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        // HTTP server metrics label requests by their path unless a template is given: without
        // this, the short form's credentials would become a Prometheus label.
        Context context = Vertx.currentContext();
        if (context != null) {
            context.putLocal(METRICS_TEMPLATE, ctx.normalizedPath().startsWith("/live/") ? "/live" : "/stream");
        }
        String username = ctx.pathParam("param0");
        String password = ctx.pathParam("param1");
        long channelId = Long.parseLong(ctx.pathParam("param2"));
        if (".m3u8".equals(ctx.pathParam("param3"))) {
            refuse(ctx, 404, "hls_unavailable", "HLS output not available yet: use .ts");
            return;
        }
        // bcrypt runs once per distinct credential; that once must not be on the event loop.
        vertx.executeBlocking(() -> accounts.authenticate(username, password), false)
                .onComplete(ar -> {
                    try {
                        admit(ctx, ar.succeeded() ? ar.result() : Optional.empty(), channelId);
                    } catch (RuntimeException e) {
                        // Never rethrow: the router's failure log would print the path, credentials included.
                        Log.errorf(e, "stream request for channel=%d failed", channelId);
                        if (!ctx.response().headWritten()) {
                            refuse(ctx, 500, "internal_error", "internal error");
                        }
                    }
                });
    }

    private void admit(RoutingContext ctx, Optional<Account> login, long channelId) {
        if (login.isEmpty()) {
            refuse(ctx, 401, "unauthorized", "invalid username or password");
            return;
        }
        Account account = login.get();
        Account.Status status = account.status(clock.instant());
        if (status != Account.Status.ACTIVE) {
            refuse(ctx, 403, "account_" + status.name().toLowerCase(), "account " + status.xtream().toLowerCase());
            return;
        }
        CatalogSnapshot snapshot = catalog.snapshot();
        Optional<LiveChannel> found = snapshot.channel(channelId)
                .filter(channel -> snapshot.access(account.bouquetIds()).canSee(channel));
        if (found.isEmpty()) {
            refuse(ctx, 404, "channel_not_found", "channel " + channelId + " not found");
            return;
        }
        LiveChannel channel = found.get();
        if (channel.sources().stream().noneMatch(s -> registry.upstreams().supports(s.url()))) {
            refuse(ctx, 503, "no_playable_source", "channel " + channelId + " has no source this node can play yet");
            return;
        }
        HttpServerResponse response = ctx.response();
        if (ctx.request().method() == HttpMethod.HEAD) {
            response.putHeader("Content-Type", "video/mp2t").putHeader("Cache-Control", "no-cache, no-store").end();
            return;
        }
        if (registry.atCapacity(channelId)) {
            refuse(ctx, 503, "too_many_sessions", "this server runs its maximum number of channels");
            return;
        }
        String address = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().host();
        long viewerId = registry.nextId();
        ConnectionLimiter.Decision decision = limiter.admit(account.id(), account.maxConnections(), channelId, address,
                viewerId);
        if (!decision.admitted()) {
            Log.infof("viewer refused user=%d username=%s channel=%d: %s", account.id(), account.username(),
                    channelId, decision.reason());
            refuse(ctx, 403, "max_connections", decision.reason());
            return;
        }
        if (decision.replaced() != null) {
            registry.kick(decision.replaced().viewerId(), "replaced by a newer connection of the same user");
        }
        Viewer viewer = new Viewer(viewerId, response, account.id(), account.username(), address, channelId,
                clock.instant(), () -> limiter.release(account.id(), viewerId));
        registry.join(channel, viewer);
    }

    private void refuse(RoutingContext ctx, int status, String code, String message) {
        metrics.refused(code);
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(Json.encode(new ApiError(status, code, message)));
    }
}
