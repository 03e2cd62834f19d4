package org.polyplex.accounts.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.polyplex.accounts.Account;
import org.polyplex.accounts.AccountService;
import org.polyplex.accounts.Role;

import io.quarkus.runtime.StartupEvent;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Guards {@code /q/metrics}: open only when {@code polyplex.metrics.open}, otherwise for a bearer
 * admin token of an active admin or the configured scrape token; anything else answers 401.
 * Runs on the event loop before the metrics route; a token check is a signature verification
 * and a snapshot look-up, no I/O.
 */
@ApplicationScoped
class MetricsAccess {

    private final MetricsConfig config;
    private final JWTParser parser;
    private final AccountService accounts;
    private final Clock clock;

    MetricsAccess(MetricsConfig config, JWTParser parser, AccountService accounts, Clock clock) {
        this.config = config;
        this.parser = parser;
        this.accounts = accounts;
        this.clock = clock;
    }

    void validate(@Observes StartupEvent event) {
        if (config.token().isPresent() && config.token().get().length() < 16) {
            throw new IllegalStateException("polyplex.metrics.token must be at least 16 characters");
        }
    }

    void install(@Observes Router router) {
        router.route("/q/metrics*").order(-150).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        if (config.open() || allowed(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))) {
            ctx.next();
            return;
        }
        ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer")
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end("{\"status\":401,\"code\":\"unauthorized\",\"message\":\"metrics need an admin or scrape token\"}");
    }

    private boolean allowed(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        String token = authorization.substring(7).trim();
        if (config.token().isPresent() && MessageDigest.isEqual(config.token().get().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        try {
            JsonWebToken jwt = parser.parse(token);
            Account account = accounts.tokenOwner(jwt.getName(), jwt.getSubject()).orElse(null);
            return account != null && account.admin() && jwt.getGroups().contains(Role.ADMIN)
                    && account.status(clock.instant()) == Account.Status.ACTIVE;
        } catch (ParseException e) {
            return false;
        }
    }
}
