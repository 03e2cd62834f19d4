package org.polyplex.accounts.auth;

import java.time.Clock;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.accounts.Account;
import org.polyplex.accounts.access.StreamFormat;

/**
 * The door of the stream endpoints (live channels and catch-up), after the one line login: the
 * bad-login throttle's answer, the credentials, the line's status and its access rules for the
 * format asked for, in that order. Each refusal is a status, a fixed code and a message the route
 * answers in its own way (JSON, a refusal slate); {@link TextLineGate} is the same door for the
 * plain-text endpoints.
 */
@ApplicationScoped
public class StreamLineGate {

    /** What the door decided: the line's account, or why not. */
    public sealed interface Entry {
    }

    public record Admitted(Account account) implements Entry {
    }

    /**
     * @param code a fixed word, a metrics label and the refusal slate's key, never user input
     * @param retryAfterSeconds for the {@code Retry-After} header; 0 when there is none
     */
    public record Refused(int status, String code, String message, long retryAfterSeconds) implements Entry {
    }

    private final LineAccessGuard guard;
    private final Clock clock;

    StreamLineGate(LineAccessGuard guard, Clock clock) {
        this.guard = guard;
        this.clock = clock;
    }

    /** Lets a login in for a stream of {@code format}, or says why not: 429, 401 or 403. */
    public Entry enter(LineLogin login, String address, String userAgent, StreamFormat format) {
        if (login instanceof LineLogin.Throttled throttled) {
            return new Refused(429, "too_many_failed_logins", "too many failed logins from this address",
                    throttled.retryAfterSeconds());
        }
        if (!(login instanceof LineLogin.Accepted accepted)) {
            return new Refused(401, "unauthorized", "invalid username or password", 0);
        }
        Account account = accepted.account();
        Account.Status status = account.status(clock.instant());
        if (status != Account.Status.ACTIVE) {
            return new Refused(403, "account_" + status.name().toLowerCase(Locale.ROOT),
                    "account " + status.xtream().toLowerCase(Locale.ROOT), 0);
        }
        if (guard.check(account, address, userAgent, format) instanceof AccessVerdict.Refused refused) {
            return new Refused(403, refused.code(), refused.message(), 0);
        }
        return new Admitted(account);
    }
}
