package org.polyplex.proxy.vod;

import java.time.Clock;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.polyplex.accounts.auth.AccessVerdict;
import org.polyplex.accounts.auth.LineAccessGuard;
import org.polyplex.accounts.auth.LineAuthenticator;
import org.polyplex.accounts.auth.LineLogin;
import org.polyplex.catalog.CatalogService;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Entry point of the 1:1 stream routes: {@code /movie/u/p/ID.ext}, {@code /series/u/p/ID.ext}
 * (GET and HEAD, proxied with Range) and the legacy {@code /streaming/clients_*.php} query forms.
 * Runs on the event loop; only a credential not seen before hops to a worker, because a first
 * login costs one bcrypt. Credentials are never logged: log lines carry entry ids only.
 */
@ApplicationScoped
public class VodRoutes {

    private final LineAuthenticator authenticator;
    private final LineAccessGuard guard;
    private final CatalogService catalog;
    private final Clock clock;
    private final VodConfig config;
    private final Vertx vertx;
    private HttpClient client;
    private VodProxy proxy;

    VodRoutes(LineAuthenticator authenticator, CatalogService catalog, Clock clock, VodConfig config,
            Vertx vertx, LineAccessGuard guard) {
        this.guard = guard;
        this.authenticator = authenticator;
        this.catalog = catalog;
        this.clock = clock;
        this.config = config;
        this.vertx = vertx;
    }

    void init(@Observes Router router) {
        client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setMaxPoolSize(config.maxConnectionsPerHost())
                .setMaxRedirects(config.maxRedirects())
                .setTrustAll(false)
                .setVerifyHost(true));
        proxy = new VodProxy(client, config.connectTimeout().toMillis(), config.idleTimeout().toMillis());
        // before anything else: a dot segment would be normalised into another route's path
        router.route().order(-100).handler(DotSegments::reject);
        for (HttpMethod method : new HttpMethod[] { HttpMethod.GET, HttpMethod.HEAD }) {
            router.route(method, "/movie/:u/:p/:file").handler(ctx -> path(ctx, VodResolver.Kind.MOVIE));
            router.route(method, "/series/:u/:p/:file").handler(ctx -> path(ctx, VodResolver.Kind.EPISODE));
            router.route(method, "/streaming/clients_live.php").handler(ctx -> legacy(ctx, VodResolver.Kind.LIVE));
            router.route(method, "/streaming/clients_movie.php").handler(ctx -> legacy(ctx, VodResolver.Kind.MOVIE));
            router.route(method, "/streaming/clients_series.php").handler(ctx -> legacy(ctx, VodResolver.Kind.EPISODE));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (client != null) {
            client.close();
        }
    }

    private void path(RoutingContext ctx, VodResolver.Kind kind) {
        serve(ctx, kind, ctx.pathParam("u"), ctx.pathParam("p"), VodResolver.id(ctx.pathParam("file")), "ts");
    }

    /** {@code ?username=&password=&stream=&extension=}, the query forms of old panels. */
    private void legacy(RoutingContext ctx, VodResolver.Kind kind) {
        HttpServerRequest request = ctx.request();
        String extension = request.getParam("extension");
        String live = extension != null && extension.matches("m3u8|hls") ? "m3u8" : "ts";
        serve(ctx, kind, request.getParam("username"), request.getParam("password"),
                VodResolver.id(request.getParam("stream")), live);
    }

    private void serve(RoutingContext ctx, VodResolver.Kind kind, String username, String password,
            OptionalLong id, String liveExtension) {
        HttpServerRequest request = ctx.request();
        authenticator.loginOnEventLoop(username, password, request)
                // not ctx.fail: the default failure handler logs the request path, credentials included
                .onFailure(failure -> {
                    Log.errorf(failure, "vod login check failed");
                    ctx.response().setStatusCode(500).end();
                })
                .onSuccess(login -> {
                    if (login instanceof LineLogin.Accepted accepted
                            && guard.check(accepted.account(), request) instanceof AccessVerdict.Refused refused) {
                        // the line's access rules (address, user agent, first address); a live
                        // redirect is judged again, with its format, on the live route
                        ctx.response().setStatusCode(403).putHeader("Content-Type", "text/plain; charset=utf-8")
                                .end(refused.code() + ": " + refused.message() + "\n");
                        return;
                    }
                    VodTarget target = VodResolver.resolve(login, catalog.snapshot(), clock.instant(), kind, id);
                    if (target instanceof VodTarget.Proxy p) {
                        proxy.proxy(request.method(), request.headers(), ctx.response(), p);
                    } else if (target instanceof VodTarget.LiveRedirect r) {
                        ctx.response().setStatusCode(302)
                                .putHeader("Location", LivePaths.live(username, password, r.channelId(), liveExtension))
                                .end();
                    } else if (target instanceof VodTarget.Refuse refuse) {
                        if (login instanceof LineLogin.Throttled throttled) {
                            ctx.response().putHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
                        }
                        ctx.response().setStatusCode(refuse.status())
                                .putHeader("Content-Type", "text/plain; charset=utf-8")
                                .end(refuse.reason() + "\n");
                    }
                });
    }
}
