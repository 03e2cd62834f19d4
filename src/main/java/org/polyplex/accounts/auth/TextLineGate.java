package org.polyplex.accounts.auth;

import java.time.Clock;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.polyplex.accounts.Account;
import org.polyplex.platform.load.Refusals;
import org.polyplex.platform.load.RequestLimits;

import io.vertx.core.http.HttpServerRequest;

/**
 * The door of the line endpoints that answer in plain text (the M3U playlist, the HDHomeRun tuner
 * pages): the one line login with its bad-login throttle, the per-line request limit, the line's
 * status and its access rules, in that order, each refusal a short plain-text answer that an app
 * or a person can read. The JSON Xtream API has its own door with the same steps.
 */
@ApplicationScoped
public class TextLineGate {

    /** What the door decided: the line's account, or the answer that refuses it. */
    public sealed interface Entry {
    }

    public record Admitted(Account account) implements Entry {
    }

    public record Refused(Response response) implements Entry {
    }

    private final LineAuthenticator authenticator;
    private final LineAccessGuard guard;
    private final RequestLimits limits;
    private final Clock clock;

    TextLineGate(LineAuthenticator authenticator, LineAccessGuard guard, RequestLimits limits, Clock clock) {
        this.authenticator = authenticator;
        this.guard = guard;
        this.limits = limits;
        this.clock = clock;
    }

    /** Lets a line in, or says why not: 429 (throttled), 401, 429 (too many requests), 403. */
    public Entry enter(String username, String password, HttpServerRequest request) {
        LineLogin login = authenticator.login(username, password, request);
        if (login instanceof LineLogin.Throttled throttled) {
            return new Refused(text(429, "too many failed logins").header("Retry-After", throttled.retryAfterSeconds())
                    .build());
        }
        if (!(login instanceof LineLogin.Accepted accepted)) {
            return new Refused(text(401, "invalid username or password").build());
        }
        Account account = accepted.account();
        if (!limits.enterLine(account.id())) {
            return new Refused(Refusals.tooMany());
        }
        Account.Status status = account.status(clock.instant());
        if (status != Account.Status.ACTIVE) {
            return new Refused(text(403, "account " + status.xtream().toLowerCase(Locale.ROOT)).build());
        }
        if (guard.check(account, request) instanceof AccessVerdict.Refused refused) {
            return new Refused(text(403, refused.code() + ": " + refused.message()).build());
        }
        return new Admitted(account);
    }

    /** A plain-text answer that no cache keeps (these URLs carry the line's password). */
    public static Response.ResponseBuilder text(int status, String message) {
        return Response.status(status).type(MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8")).entity(message + "\n")
                .header("Cache-Control", "no-store");
    }
}
