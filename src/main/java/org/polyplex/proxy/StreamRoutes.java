package org.polyplex.proxy;

import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.polyplex.accounts.Account;
import org.polyplex.accounts.access.StreamFormat;
import org.polyplex.accounts.auth.LineAuthenticator;
import org.polyplex.accounts.auth.LineLogin;
import org.polyplex.accounts.auth.StreamLineGate;
import org.polyplex.catalog.CatalogService;
import org.polyplex.catalog.CatalogSnapshot;
import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.platform.http.ClientAddress;
import org.polyplex.proxy.metrics.ProxyMetrics;
import org.polyplex.proxy.profile.OutputProfile;
import org.polyplex.proxy.profile.ProfileArgs;
import org.polyplex.proxy.profile.ProfileSessions;
import org.polyplex.proxy.refusal.RefusalSlates;
import org.polyplex.proxy.session.SessionKey;
import org.polyplex.proxy.session.SessionRegistry;
import org.polyplex.proxy.upstream.UpstreamFactory;
import org.polyplex.proxy.viewer.HlsTokens;
import org.polyplex.proxy.viewer.HlsViewer;
import org.polyplex.proxy.viewer.Viewer;

import io.quarkus.logging.Log;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Entry point of the proxy feature: the live stream routes {@code /live/{user}/{pass}/{id}[.ts]}
 * and the short form {@code /{user}/{pass}/{id}[.ts]}, GET and HEAD. Every refusal (401, 403,
 * 404, 429, 503) is answered before any upstream is touched and before any stream byte.
 * <p>
 * Credentials go through the one line-login path ({@link LineAuthenticator#loginOnEventLoop}): a
 * throttled address gets 429 whatever the password, answered on the event loop; a credential
 * accepted before is a memo hit on the event loop; only a memo miss hops to a worker for bcrypt.
 * The client address is the one {@link ClientAddress} gives (the forwarded one only behind a
 * trusted proxy), for the throttle, the connection limits and the viewer list alike: the players
 * of one home share a slot, two homes behind one proxy do not.
 * <p>
 * The short form is a regular expression that only matches exactly three segments with a numeric
 * id and a first segment that is not one of the service's own prefixes, so it can never shadow
 * another route. The {@code .m3u8} form admits an HLS viewer and redirects its player to the
 * token URLs of {@link HlsRoutes}, so playlist reloads and segments never carry the password.
 * Credentials are in these paths, so log lines carry the user id and name only, never the path.
 * The line's status and access rules ({@link StreamLineGate}: address, user agent, format, first
 * address) are checked right after its login, and refuse with 403 and the rule's code. With refusal slates on
 * ({@link RefusalSlates}), a TS player refused for its connection limit, its expiry or a channel
 * with no playable source gets a short video saying so instead of the JSON body.
 * <p>
 * {@code ?profile=NAME} plays the channel through an output profile ({@link ProfileSessions}): the
 * viewer joins the session of that channel and profile, whose one shared ffmpeg taps the channel's
 * own session. A malformed name is refused with 400, an unknown one with 404, and a new pair when
 * the node runs its most transcoders with 503; {@code passthrough} (or no parameter) is the
 * channel's own session.
 */
@ApplicationScoped
public class StreamRoutes {

    static final String LIVE = "^/live/([^/]+)/([^/]+)/([0-9]{1,18})(\\.ts|\\.m3u8)?$";
    static final String SHORT = "^/(?!(?:api|q|console|live|movie|series|hls|streaming|player_api\\.php|panel_api\\.php"
            + "|get\\.php|xmltv\\.php)/)([^/]+)/([^/]+)/([0-9]{1,18})(\\.ts)?$";

    private final LineAuthenticator lines;
    private final CatalogService catalog;
    private final SessionRegistry registry;
    private final HlsTokens tokens;
    private final UpstreamFactory upstreams;
    private final ConnectionLimiter limiter;
    private final ProxyMetrics metrics;
    private final Clock clock;
    private final ClientAddress clientAddress;
    private final StreamLineGate gate;
    private final RefusalSlates slates;
    private final ConnectionLeases leases;
    private final ProfileSessions profiles;

    StreamRoutes(LineAuthenticator lines, CatalogService catalog, SessionRegistry registry, HlsTokens tokens,
            UpstreamFactory upstreams, ConnectionLimiter limiter, ProxyMetrics metrics, Clock clock,
            ClientAddress clientAddress, StreamLineGate gate, RefusalSlates slates, ConnectionLeases leases,
            ProfileSessions profiles) {
        this.leases = leases;
        this.profiles = profiles;
        this.gate = gate;
        this.slates = slates;
        this.lines = lines;
        this.catalog = catalog;
        this.registry = registry;
        this.tokens = tokens;
        this.upstreams = upstreams;
        this.limiter = limiter;
        this.metrics = metrics;
        this.clock = clock;
        this.clientAddress = clientAddress;
    }

    /**
     * The user's connection slots in use on this node (Xtream's {@code user_info.active_cons}):
     * its live viewers, those of one channel from one address counted once.
     */
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
        Responses.metricsTemplate(ctx.normalizedPath().startsWith("/live/") ? "/live" : "/stream");
        String username = ctx.pathParam("param0");
        String password = ctx.pathParam("param1");
        long channelId = Long.parseLong(ctx.pathParam("param2"));
        // Throttled or remembered answers come at once on the event loop; bcrypt, once per
        // distinct credential, runs on one worker hop.
        lines.loginOnEventLoop(username, password, ctx.request()).onComplete(
                ar -> admitSafely(ctx, ar.succeeded() ? ar.result() : new LineLogin.Rejected(), channelId));
    }

    private void admitSafely(RoutingContext ctx, LineLogin login, long channelId) {
        try {
            admit(ctx, login, channelId);
        } catch (RuntimeException e) {
            // Never rethrow: the router's failure log would print the path, credentials included.
            Log.errorf(e, "stream request for channel=%d failed", channelId);
            if (!ctx.response().headWritten()) {
                refuse(ctx, 500, "internal_error", "internal error");
            }
        }
    }

    private void admit(RoutingContext ctx, LineLogin login, long channelId) {
        boolean hls = ".m3u8".equals(ctx.pathParam("param3"));
        String address = clientAddress.of(ctx.request());
        StreamLineGate.Entry entry = gate.enter(login, address, ctx.request().getHeader("User-Agent"),
                hls ? StreamFormat.M3U8 : StreamFormat.TS);
        if (entry instanceof StreamLineGate.Refused refused) {
            if (refused.retryAfterSeconds() > 0) {
                ctx.response().putHeader("Retry-After", Long.toString(refused.retryAfterSeconds()));
            }
            refuse(ctx, refused.status(), refused.code(), refused.message());
            return;
        }
        Account account = ((StreamLineGate.Admitted) entry).account();
        Optional<OutputProfile> profile = profile(ctx, account);
        if (profile.isEmpty()) {
            return;
        }
        Optional<LiveChannel> channel = playableChannel(ctx, account, channelId);
        if (channel.isEmpty()) {
            return;
        }
        if (ctx.request().method() == HttpMethod.HEAD) {
            ctx.response().putHeader("Content-Type", hls ? Responses.PLAYLIST_TYPE : Responses.TS_TYPE)
                    .putHeader("Cache-Control", "no-cache, no-store").end();
            return;
        }
        SessionKey key = profiles.key(channel.get(), profile.get());
        if (registry.atCapacity(key)) {
            // like every refusal for lack of room: worth retrying once a channel has closed
            ctx.response().putHeader("Retry-After", "5");
            refuse(ctx, 503, "too_many_sessions", "this server runs its maximum number of channels");
            return;
        }
        if (!profiles.hasRoom(channel.get(), profile.get())) {
            ctx.response().putHeader("Retry-After", "5");
            refuse(ctx, 503, "too_many_transcoders", "this server runs its maximum number of transcoders");
            return;
        }
        if (hls) {
            Optional<HlsViewer> again = tokens.active(account.id(), channelId, address,
                    viewer -> registry.watches(viewer.id(), key));
            if (again.isPresent()) {
                Responses.redirect(ctx.response(), again.get());
                return;
            }
        }
        open(ctx, account, key, profiles.channel(channel.get(), profile.get()), address, hls);
    }

    /**
     * The profile the request asks for; without {@code ?profile=}, the line's own profile, else
     * {@code passthrough}. Otherwise empty after answering 400 for a malformed name or 404 for an
     * unknown one (a line's profile that the configuration no longer has included).
     */
    private Optional<OutputProfile> profile(RoutingContext ctx, Account account) {
        String name = ctx.request().getParam("profile");
        if (name == null || name.isEmpty()) {
            name = account.outputProfile() == null ? OutputProfile.PASSTHROUGH : account.outputProfile();
        }
        if (!ProfileArgs.NAME.matcher(name).matches()) {
            refuse(ctx, 400, "invalid_profile", "a profile name is 1 to 32 characters of a-z 0-9 . _ -");
            return Optional.empty();
        }
        Optional<OutputProfile> found = profiles.find(name);
        if (found.isEmpty()) {
            refuse(ctx, 404, "profile_not_found", "profile " + name + " not found");
        }
        return found;
    }

    /** The channel when the account sees it and this node can play one of its sources; else empty after 404 or 503. */
    private Optional<LiveChannel> playableChannel(RoutingContext ctx, Account account, long channelId) {
        CatalogSnapshot snapshot = catalog.snapshot();
        Optional<LiveChannel> found = snapshot.channel(channelId)
                .filter(channel -> snapshot.access(account.bouquetIds()).canSee(channel));
        if (found.isEmpty()) {
            refuse(ctx, 404, "channel_not_found", "channel " + channelId + " not found");
            return Optional.empty();
        }
        if (found.get().sources().stream().noneMatch(s -> upstreams.supports(s.url()))) {
            refuse(ctx, 503, "no_playable_source", "channel " + channelId + " has no source this node can play yet");
            return Optional.empty();
        }
        return found;
    }

    /**
     * Counts the viewer in one of the line's slots and joins it to the channel's session: in the
     * slot of the same channel and address when there is one (shared, nobody is ended), or in a
     * new one, which may take over another slot (replace-oldest, an HLS player that zapped).
     */
    private void open(RoutingContext ctx, Account account, SessionKey key, LiveChannel channel, String address,
            boolean hls) {
        long viewerId = registry.nextId();
        ConnectionLimiter.Decision decision = limiter.admit(account.id(), account.maxConnections(), channel.id(), address,
                viewerId, hls);
        if (!decision.admitted()) {
            Log.infof("viewer refused user=%d username=%s channel=%d: %s", account.id(), account.username(),
                    channel.id(), decision.reason());
            refuse(ctx, 403, decision.code(), decision.reason());
            return;
        }
        leases.kick(decision.replaced(), "replaced by a newer connection of the same user");
        Runnable release = () -> limiter.release(account.id(), viewerId);
        if (hls) {
            HlsViewer viewer = tokens.newViewer(viewerId, account.id(), account.username(), address, channel.id(),
                    decision.slot(), clock.instant(), release);
            registry.joinHls(key, channel, viewer, Responses.playlistRedirect(ctx.response(), viewer, metrics));
            return;
        }
        Viewer viewer = new Viewer(viewerId, ctx.request(), account.id(), account.username(), address, channel.id(),
                decision.slot(), clock.instant(), release);
        registry.join(key, channel, viewer, Responses.stream(ctx.response(), metrics));
    }

    /**
     * Answers a refusal: with its slate to a TS player ({@code GET}, not {@code .m3u8}) when the
     * reason has one that is on, else as JSON with {@code status}.
     */
    private void refuse(RoutingContext ctx, int status, String code, String message) {
        if (ctx.request().method() == HttpMethod.GET && !".m3u8".equals(ctx.pathParam("param3"))) {
            Optional<Buffer> slate = slates.forRefusal(code);
            if (slate.isPresent()) {
                Responses.slate(ctx.response(), metrics, code, slate.get());
                return;
            }
        }
        Responses.refuse(ctx.response(), metrics, status, code, message);
    }

}
