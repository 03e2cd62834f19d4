package org.polyplex.archive.serve;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.polyplex.accounts.Account;
import org.polyplex.accounts.access.StreamFormat;
import org.polyplex.accounts.auth.AccessVerdict;
import org.polyplex.accounts.auth.LineAccessGuard;
import org.polyplex.accounts.auth.LineAuthenticator;
import org.polyplex.accounts.auth.LineLogin;
import org.polyplex.archive.store.ArchiveStore;
import org.polyplex.catalog.CatalogService;
import org.polyplex.catalog.CatalogSnapshot;
import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.epg.EpgService;
import org.polyplex.platform.http.ClientAddress;
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
 * throttle first), the account status, the line's access rules for the {@code ts} format, the
 * bouquets, then a connection slot of the line ({@link ConnectionLeases}) held until the answer
 * ends. Every refusal is JSON {@code {status, code, message}} sent before any byte. Listing the
 * archive runs on a worker; file bytes are read by {@link PieceSender} without blocking the
 * event loop. Credentials are in these URLs: log lines carry the user id and channel only.
 */
@ApplicationScoped
public class TimeshiftRoutes {

    private final LineAuthenticator lines;
    private final LineAccessGuard guard;
    private final CatalogService catalog;
    private final ConnectionLeases leases;
    private final ClientAddress addresses;
    private final Clock clock;
    private final Vertx vertx;
    private final TimeshiftTimes times;
    private final CatchupWindow archive;
    private final ArchiveStore store;
    private final EpgService epg;
    private final Duration maxDuration;
    private final PieceSender sender;
    private final int maxStreams;
    private final AtomicInteger streams = new AtomicInteger();
    private final VodConfig upstream;
    private ProviderTimeshift provider;

    TimeshiftRoutes(LineAuthenticator lines, LineAccessGuard guard, CatalogService catalog, ConnectionLeases leases,
            ClientAddress addresses, Clock clock, Vertx vertx, CatchupConfig config, ArchiveStore store,
            EpgService epg, VodConfig upstream) {
        this.upstream = upstream;
        this.epg = epg;
        this.maxDuration = config.maxCatchupDuration();
        this.lines = lines;
        this.guard = guard;
        this.catalog = catalog;
        this.leases = leases;
        this.addresses = addresses;
        this.clock = clock;
        this.vertx = vertx;
        this.times = new TimeshiftTimes(ZoneId.of(config.timeZone()), config.maxCatchupDuration());
        this.archive = new CatchupWindow(store);
        this.store = store;
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
        handle(ctx, new Ask(ctx.pathParam("u"), ctx.pathParam("p"), ctx.pathParam("duration"),
                ctx.pathParam("start"), ctx.pathParam("file"), null));
    }

    private void query(RoutingContext ctx) {
        HttpServerRequest r = ctx.request();
        handle(ctx, new Ask(r.getParam("username"), r.getParam("password"), r.getParam("duration"),
                r.getParam("start"), r.getParam("stream"), r.getParam("end")));
    }

    /** The request's parameters, as sent. */
    private record Ask(String username, String password, String duration, String start, String stream,
            String end) {
    }

    /**
     * An admitted request: who, what, and the window asked for ({@code to} null: the guide's
     * programme); {@code provider} the source whose provider archive serves it, null for ours.
     */
    private record Admitted(Account account, LiveChannel channel, String address, Instant from, Instant to,
            CatalogSnapshot.Source provider) {
    }

    private void handle(RoutingContext ctx, Ask ask) {
        Responses.metricsTemplate("/timeshift");
        lines.loginOnEventLoop(ask.username(), ask.password(), ctx.request()).onComplete(ar -> {
            try {
                Admitted admitted = admit(ctx, ar.succeeded() ? ar.result() : new LineLogin.Rejected(), ask);
                if (admitted.provider() != null) {
                    vertx.executeBlocking(() -> until(admitted), false)
                            .onComplete(to -> passThrough(ctx, admitted, to.result(), to.cause()));
                    return;
                }
                vertx.executeBlocking(() -> archive.pieces(admitted.channel().id(), admitted.from(), until(admitted)),
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

    /** Checks everything that needs no file: login, status, access rules, channel, window. */
    private Admitted admit(RoutingContext ctx, LineLogin login, Ask ask) {
        if (login instanceof LineLogin.Throttled throttled) {
            ctx.response().putHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
            throw new CatchupRefusal(429, "too_many_failed_logins", "too many failed logins from this address");
        }
        if (!(login instanceof LineLogin.Accepted accepted)) {
            throw new CatchupRefusal(401, "unauthorized", "invalid username or password");
        }
        Account account = accepted.account();
        Instant now = clock.instant();
        Account.Status status = account.status(now);
        if (status != Account.Status.ACTIVE) {
            throw new CatchupRefusal(403, "account_" + status.name().toLowerCase(),
                    "account " + status.xtream().toLowerCase());
        }
        String address = addresses.of(ctx.request());
        if (guard.check(account, address, ctx.request().getHeader("User-Agent"),
                StreamFormat.TS) instanceof AccessVerdict.Refused refused) {
            throw new CatchupRefusal(403, refused.code(), refused.message());
        }
        LiveChannel channel = channel(account, ask.stream());
        Instant from = times.start(ask.start());
        if (!from.isBefore(now)) {
            throw new CatchupRefusal(400, "start_in_future", "start is not in the past");
        }
        CatalogSnapshot.Source provider = channel.archiveDays() > 0 ? null : channel.providerArchive().orElseThrow();
        if (provider != null && from.isBefore(now.minus(Duration.ofDays(provider.archiveDays())))) {
            throw new CatchupRefusal(404, "before_archive", "the window starts before the provider's archive of this channel");
        }
        if (ask.duration() == null && ask.end() == null) {
            // the programme on at the start is the window, looked up on the worker
            return new Admitted(account, channel, address, from, null, provider);
        }
        Duration duration = ask.duration() == null ? times.until(from, ask.end()) : times.duration(ask.duration());
        Instant to = from.plus(duration);
        if (provider != null) {
            return new Admitted(account, channel, address, from, to.isAfter(now) ? now : to, provider);
        }
        // the archive itself, not the configured days: recording may have started later, or stopped
        Optional<ArchiveStore.Span> span = store.span(channel.id());
        if (span.isEmpty()) {
            throw new CatchupRefusal(404, "not_archived", "nothing of this channel is archived yet");
        }
        if (!to.isAfter(span.get().start())) {
            throw new CatchupRefusal(404, "before_archive", "the window ends before the archive of this channel starts");
        }
        if (!from.isBefore(span.get().end())) {
            throw new CatchupRefusal(404, "not_archived", "the window starts after the end of the archive");
        }
        return new Admitted(account, channel, address, from, to.isAfter(now) ? now : to, null);
    }

    /**
     * The end of the window: the one asked for, or the end of the guide's programme on at the
     * start (bounded by the maximum duration and now). Blocking (the guide): worker threads.
     */
    private Instant until(Admitted admitted) {
        if (admitted.to() != null) {
            return admitted.to();
        }
        Instant stop = epg.programmeAt(admitted.channel(), admitted.from()).map(p -> p.stop())
                .orElseThrow(() -> new CatchupRefusal(400, "bad_duration",
                        "no duration given and the guide has no programme at that start"));
        Instant to = stop.isAfter(admitted.from().plus(maxDuration)) ? admitted.from().plus(maxDuration) : stop;
        Instant now = clock.instant();
        return to.isAfter(now) ? now : to;
    }

    private LiveChannel channel(Account account, String stream) {
        String id = stream == null ? "" : stream.endsWith(".ts") ? stream.substring(0, stream.length() - 3) : stream;
        if (!id.matches("[0-9]{1,18}")) {
            throw new CatchupRefusal(400, "bad_stream", "stream must be a channel id, optionally with .ts");
        }
        long channelId = Long.parseLong(id);
        CatalogSnapshot snapshot = catalog.snapshot();
        Optional<LiveChannel> channel = snapshot.channel(channelId)
                .filter(c -> snapshot.access(account.bouquetIds()).canSee(c));
        if (channel.isEmpty()) {
            throw new CatchupRefusal(404, "channel_not_found", "channel " + channelId + " not found");
        }
        if (channel.get().archiveDays() <= 0 && channel.get().providerArchive().isEmpty()) {
            throw new CatchupRefusal(404, "no_archive", "channel " + channelId + " has no archive");
        }
        return channel.get();
    }

    /** Serves an admitted window from the provider's archive, in the same slot accounting as ours. */
    private void passThrough(RoutingContext ctx, Admitted admitted, Instant to, Throwable failed) {
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
    private Runnable admitSlot(HttpServerResponse response, Admitted admitted) {
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

    private void serveSafely(RoutingContext ctx, Admitted admitted, List<CatchupPlan.Piece> files) {
        try {
            serve(ctx, admitted, files);
        } catch (CatchupRefusal refusal) {
            refuse(ctx, refusal);
        } catch (RuntimeException e) {
            Log.errorf(e, "catch-up answer failed channel=%d", admitted.channel().id());
            refuse(ctx, new CatchupRefusal(500, "internal_error", "internal error"));
        }
    }

    private void serve(RoutingContext ctx, Admitted admitted, List<CatchupPlan.Piece> files) {
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
