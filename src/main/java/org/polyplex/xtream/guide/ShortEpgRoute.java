package org.polyplex.xtream.guide;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.polyplex.accounts.Account;
import org.polyplex.accounts.auth.AccessVerdict;
import org.polyplex.accounts.auth.LineAccessGuard;
import org.polyplex.accounts.auth.LineAuthenticator;
import org.polyplex.accounts.auth.LineLogin;
import org.polyplex.catalog.CatalogService;
import org.polyplex.catalog.CatalogSnapshot;
import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.epg.EpgService;
import org.polyplex.platform.http.PublicAddressConfig;
import org.polyplex.platform.http.ServerAddress;
import org.polyplex.xtream.gate.XtreamConfig;
import org.polyplex.xtream.gate.XtreamSession;

import io.quarkus.logging.Log;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The event-loop path of {@code GET player_api.php?action=get_short_epg}, the call apps make on
 * every channel change. When everything it needs is in memory (a credential accepted before, the
 * catalog snapshot, the channel's cached upcoming programmes) it answers right on the event loop,
 * without the hop to a worker thread; otherwise, and for every other request, it passes the
 * request on to {@code PlayerApiResource}, which answers the same bytes from a worker. Under a
 * guide import this keeps the short EPG's tail latency off the worker pool's scheduling.
 */
@ApplicationScoped
class ShortEpgRoute {

    private final LineAuthenticator authenticator;
    private final LineAccessGuard guard;
    private final CatalogService catalog;
    private final EpgService epg;
    private final ObjectMapper mapper;
    private final PublicAddressConfig publicAddress;
    private final Clock clock;
    private final ZoneId zone;

    ShortEpgRoute(LineAuthenticator authenticator, CatalogService catalog, EpgService epg, ObjectMapper mapper,
            XtreamConfig config, PublicAddressConfig publicAddress, Clock clock, LineAccessGuard guard) {
        this.guard = guard;
        this.authenticator = authenticator;
        this.catalog = catalog;
        this.epg = epg;
        this.mapper = mapper;
        this.publicAddress = publicAddress;
        this.clock = clock;
        this.zone = ZoneId.of(config.timezone());
    }

    void init(@Observes Router router) {
        router.get("/player_api.php").order(-50).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!"get_short_epg".equals(request.getParam("action"))) {
            ctx.next();
            return;
        }
        String password = request.getParam("password");
        // Only a known credential is answered here: a throttled or new one takes the worker path,
        // which answers (and counts) it exactly as for any other action.
        Optional<Account> account = authenticator.loginFromMemory(request.getParam("username"), password, request)
                .filter(LineLogin.Accepted.class::isInstance).map(login -> ((LineLogin.Accepted) login).account());
        if (account.isEmpty() || guard.check(account.get(), request) instanceof AccessVerdict.Refused) {
            // a refused line takes the worker path too, which answers its refusal
            ctx.next();
            return;
        }
        CatalogSnapshot snapshot = catalog.snapshot();
        XtreamSession session = new XtreamSession(account.get(), password, snapshot,
                snapshot.access(account.get().bouquetIds()),
                ServerAddress.of(publicAddress, request), clock.instant());
        Optional<LiveChannel> channel = ShortEpg.channel(session, request.getParam("stream_id"));
        int limit = ShortEpg.limit(request.getParam("limit"));
        // One look at the cache: what it holds now is the answer, or the worker path answers.
        Optional<Object> body = channel.isEmpty() ? Optional.<Object> of(ShortEpg.NO_EPG)
                : epg.shortEpgFromMemory(channel.get(), limit, zone).<Object> map(l -> Map.of("epg_listings", l));
        if (body.isEmpty()) {
            ctx.next();
            return;
        }
        try {
            ctx.response().putHeader("Content-Type", "application/json")
                    .end(Buffer.buffer(mapper.writeValueAsBytes(body.get())));
        } catch (JsonProcessingException e) {
            // never the request line: it carries the password
            Log.errorf(e, "short EPG of stream %s not written", request.getParam("stream_id"));
            ctx.response().setStatusCode(500).end();
        }
    }
}
