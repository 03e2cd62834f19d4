package org.polyplex.archive.serve;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.polyplex.accounts.auth.LineAuthenticator;
import org.polyplex.accounts.auth.LineLogin;
import org.polyplex.archive.store.ArchiveStore;
import org.polyplex.proxy.ConnectionLeases;
import org.polyplex.proxy.Responses;
import org.polyplex.proxy.vod.VodConfig;

import io.quarkus.logging.Log;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Entry point of catch-up serving: {@code GET|HEAD /timeshift/{u}/{p}/{minutes}/{start}/{id}.ts}
 * and {@code /streaming/timeshift.php?username=&password=&stream=&start=&duration=} (or
 * {@code &end=} instead of the duration, as the M3U {@code catchup-source} asks). The archived
 * bytes of {@code [start, start + duration)} (from the last keyframe at or before the start, with
 * PAT and PMT first, to the end of the last file in the window: {@link CatchupWindow}) as one
 * MPEG-TS body with {@code Content-Length}, and one byte range of it for {@code Range} (206, or 416).
 * <p>
 * Admission is the live route's: the one line login ({@link LineAuthenticator#loginOnEventLoop},
 * throttle first), then {@link CatchupAdmission} (status, access rules for {@code ts}, bouquets,
 * the window), then a connection slot of the line ({@link ConnectionLeases}) held until the answer
 * ends. Every refusal is JSON {@code {status, code, message}} sent before any byte. Listing the
 * archive runs on a worker; file bytes are read by {@link PieceSender} without blocking the
 * event loop. Credentials are in these URLs: log lines carry the user id and channel only.
 */
@ApplicationScoped
public class TimeshiftRoutes {

    private final LineAuthenticator lines;
    private final CatchupAdmission admission;
    private final ConnectionLeases leases;
    private final Vertx vertx;
    private final CatchupWindow archive;
    private final PieceSender sender;
    private final int maxStreams;
    private final AtomicInteger streams = new AtomicInteger();
    private final VodConfig upstream;
    private ProviderTimeshift provider;

    TimeshiftRoutes(LineAuthenticator lines, CatchupAdmission admission, ConnectionLeases leases, Vertx vertx,
            CatchupConfig config, ArchiveStore store, VodConfig upstream) {
        this.lines = lines;
        this.admission = admission;
        this.leases = leases;
        this.vertx = vertx;
        this.upstream = upstream;
        this.archive = new CatchupWindow(store);
        this.sender = new PieceSender(vertx);
        this.maxStreams = config.maxCatchupStreams();
    }

    /** Catch-up answers being sent on this node now. */
    public int activeStreams() {
        return streams.get();
    }

    void init(@Observes Router router) {
        // the provider's archive is fetched like a provider's movie: the VOD proxy's bounds
        provider = new ProviderTimeshift(vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) upstream.connectTimeout().toMillis())
                .setMaxPoolSize(upstream.maxConnectionsPerHost()).setMaxRedirects(upstream.maxRedirects())
                .setTrustAll(false).setVerifyHost(true)), upstream.connectTimeout().toMillis(),
                upstream.idleTimeout().toMillis());
        for (HttpMethod method : new HttpMethod[] { HttpMethod.GET, HttpMethod.HEAD }) {
            router.route(method, "/timeshift/:u/:p/:duration/:start/:file").handler(this::path);
            router.route(method, "/streaming/timeshift.php").handler(this::query);
        }
    }

    private void path(RoutingContext ctx) {
        handle(ctx, new CatchupAdmission.Ask(ctx.pathParam("u"), ctx.pathParam("p"), ctx.pathParam("duration"),
                ctx.pathParam("start"), ctx.pathParam("file"), null));
    }

    private void query(RoutingContext ctx) {
        HttpServerRequest r = ctx.request();
        handle(ctx, new CatchupAdmission.Ask(r.getParam("username"), r.getParam("password"), r.getParam("duration"),
                r.getParam("start"), r.getParam("stream"), r.getParam("end")));
    }

    private void handle(RoutingContext ctx, CatchupAdmission.Ask ask) {
        Responses.metricsTemplate("/timeshift");
        lines.loginOnEventLoop(ask.username(), ask.password(), ctx.request()).onComplete(ar -> {
            try {
                CatchupAdmission.Admitted admitted = admission.admit(ctx,
                        ar.succeeded() ? ar.result() : new LineLogin.Rejected(), ask);
                if (admitted.provider() != null) {
                    vertx.executeBlocking(() -> admission.until(admitted), false)
                            .onComplete(to -> passThrough(ctx, admitted, to.result(), to.cause()));
                    return;
                }
                vertx.executeBlocking(() -> archive.pieces(admitted.channel().id(), admitted.from(), admission.until(admitted)),
                        false).onComplete(files -> {
                            if (files.failed() && files.cause() instanceof CatchupRefusal refusal) {
                                refuse(ctx, refusal);
                            } else if (files.failed()) {
                                Log.errorf(files.cause(), "catch-up listing failed channel=%d",
                                        admitted.channel().id());
                                refuse(ctx, new CatchupRefusal(500, "internal_error", "internal error"));
                            } else {
                                serveSafely(ctx, admitted, files.result());
                            }
                        });
            } catch (CatchupRefusal refusal) {
                refuse(ctx, refusal);
            } catch (RuntimeException e) {
                // never rethrown: the router's failure log would print the path, credentials included
                Log.errorf(e, "catch-up request failed");
                refuse(ctx, new CatchupRefusal(500, "internal_error", "internal error"));
            }
        });
    }

    /** Serves an admitted window from the provider's archive, in the same slot accounting as ours. */
    private void passThrough(RoutingContext ctx, CatchupAdmission.Admitted admitted, Instant to, Throwable failed) {
        try {
            if (failed instanceof CatchupRefusal refusal) {
                throw refusal;
            } else if (failed != null) {
                Log.errorf(failed, "catch-up window failed channel=%d", admitted.channel().id());
                throw new CatchupRefusal(500, "internal_error", "internal error");
            }
            Runnable release = admitSlot(ctx.response(), admitted);
            String url = ProviderTimeshift.url(admitted.provider(), admitted.from(),
                    ProviderTimeshift.minutes(admitted.from(), to));
            Future<Void> sent = provider.proxy(ctx.request().method(), ctx.request().getHeader("Range"), ctx.response(),
                    url, admitted.channel().id());
            sent.onComplete(ar -> {
                release.run();
                if (ar.failed()) {
                    refuse(ctx, ar.cause() instanceof CatchupRefusal refusal ? refusal
                            : new CatchupRefusal(502, "provider_error", "the provider's archive failed"));
                }
            });
        } catch (CatchupRefusal refusal) {
            refuse(ctx, refusal);
        } catch (RuntimeException e) {
            Log.errorf(e, "provider catch-up failed channel=%d", admitted.channel().id());
            refuse(ctx, new CatchupRefusal(500, "internal_error", "internal error"));
        }
    }

    /**
     * Takes one of this node's catch-up streams and a connection slot of the line; the answer is
     * how to give both back (once). Refuses with 503 or the slot's 403.
     */
    private Runnable admitSlot(HttpServerResponse response, CatchupAdmission.Admitted admitted) {
        if (streams.incrementAndGet() > maxStreams) {
            streams.decrementAndGet();
            response.putHeader("Retry-After", "5");
            throw new CatchupRefusal(503, "too_many_catchup_streams", "this server serves its maximum of catch-ups");
        }
        ConnectionLeases.Grant grant = leases.catchup(admitted.account(), admitted.channel().id(), admitted.address(),
                reason -> response.reset());
        if (!grant.admitted()) {
            streams.decrementAndGet();
            Log.infof("catch-up refused user=%d channel=%d: %s", admitted.account().id(), admitted.channel().id(),
                    grant.reason());
            throw new CatchupRefusal(403, grant.code(), grant.reason());
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                grant.lease().release();
                streams.decrementAndGet();
            }
        };
    }

    private void serveSafely(RoutingContext ctx, CatchupAdmission.Admitted admitted, List<CatchupPlan.Piece> files) {
        try {
            serve(ctx, admitted, files);
        } catch (CatchupRefusal refusal) {
            refuse(ctx, refusal);
        } catch (RuntimeException e) {
            Log.errorf(e, "catch-up answer failed channel=%d", admitted.channel().id());
            refuse(ctx, new CatchupRefusal(500, "internal_error", "internal error"));
        }
    }

    private void serve(RoutingContext ctx, CatchupAdmission.Admitted admitted, List<CatchupPlan.Piece> files) {
        CatchupPlan plan = new CatchupPlan(files);
        if (plan.total() == 0) {
            throw new CatchupRefusal(404, "not_archived", "nothing of this channel is archived in that window");
        }
        HttpServerResponse response = ctx.response();
        Runnable release = admitSlot(response, admitted);
        CatchupPlan.Ranged range = plan.range(ctx.request().getHeader("Range"));
        if (range instanceof CatchupPlan.Unsatisfiable) {
            release.run();
            response.setStatusCode(416).putHeader("Content-Range", "bytes */" + plan.total())
                    .putHeader("Content-Type", "application/json");
            throw new CatchupRefusal(416, "range_not_satisfiable", "the range starts past the end of the window");
        }
        List<CatchupPlan.Piece> pieces;
        if (range instanceof CatchupPlan.Part part) {
            response.setStatusCode(206).putHeader("Content-Range",
                    "bytes " + part.first() + "-" + part.last() + "/" + plan.total());
            response.putHeader("Content-Length", Long.toString(part.length()));
            pieces = plan.pieces(part.first(), part.last());
        } else {
            response.setStatusCode(200).putHeader("Content-Length", Long.toString(plan.total()));
            pieces = plan.all();
        }
        response.putHeader("Content-Type", Responses.TS_TYPE).putHeader("Accept-Ranges", "bytes")
                .putHeader("Cache-Control", "no-store");
        if (ctx.request().method() == HttpMethod.HEAD) {
            release.run();
            response.end();
            return;
        }
        sender.send(pieces, response).onComplete(ar -> {
            release.run();
            if (ar.failed() && !response.closed()) {
                // the promised length cannot be kept: the player must see a broken answer, not a short one
                response.reset();
            }
        });
    }

    private static void refuse(RoutingContext ctx, CatchupRefusal refusal) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        Responses.error(ctx.response(), refusal.status(), refusal.code(), refusal.getMessage());
    }
}
