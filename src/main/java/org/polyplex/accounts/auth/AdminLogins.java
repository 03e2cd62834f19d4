package org.polyplex.accounts.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.accounts.Account;
import org.polyplex.accounts.AccountService;
import org.polyplex.platform.logging.Redaction;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The one way an admin logs in with a password, for the token endpoint and the web console
 * alike: the {@link LoginRateLimiter} first, then Security JPA's password check, then the
 * accounts snapshot (an active admin). Anything but an active admin's right password is the same
 * {@link Refused}, so neither caller tells whether a subscriber's password is right. Blocking
 * (bcrypt): call it on a worker thread.
 */
@ApplicationScoped
public class AdminLogins {

    /** What a login attempt came to. */
    public sealed interface Outcome {
    }

    /** Too many failures: refused without checking the password. */
    public record Throttled(Duration retryAfter) implements Outcome {

        /** The wait in whole seconds, at least 1 (for {@code Retry-After}). */
        public long seconds() {
            return Math.max(1, retryAfter.toSeconds());
        }
    }

    /** Wrong password, unknown user, or not an active admin. */
    public record Refused() implements Outcome {
    }

    public record Admitted(Account account) implements Outcome {
    }

    private final IdentityProviderManager identities;
    private final AccountService accounts;
    private final LoginRateLimiter limiter;
    private final Clock clock;
    private final MeterRegistry metrics;

    AdminLogins(IdentityProviderManager identities, AccountService accounts, LoginRateLimiter limiter, Clock clock,
            MeterRegistry metrics) {
        this.identities = identities;
        this.accounts = accounts;
        this.limiter = limiter;
        this.clock = clock;
        this.metrics = metrics;
    }

    public Outcome attempt(String username, String password, String address) {
        Duration wait = limiter.retryAfter(username, address);
        if (!wait.isZero()) {
            count("throttled");
            return new Throttled(wait);
        }
        Optional<Account> admin = activeAdmin(username, password, address);
        if (admin.isEmpty()) {
            limiter.failed(username, address);
            return new Refused();
        }
        limiter.succeeded(username, address);
        count("issued");
        return new Admitted(admin.get());
    }

    /** The reason of a refusal is logged, never the password. */
    private Optional<Account> activeAdmin(String username, String password, String address) {
        try {
            identities.authenticateBlocking(new UsernamePasswordAuthenticationRequest(
                    username, new PasswordCredential(password.toCharArray())));
        } catch (AuthenticationFailedException e) {
            count("failed");
            Log.infof("admin login failed username=%s address=%s", Redaction.escapeControls(username), address);
            return Optional.empty();
        }
        Account account = accounts.snapshot().byUsername(username).orElse(null);
        if (account == null || !account.admin() || account.status(clock.instant()) != Account.Status.ACTIVE) {
            count("forbidden");
            Log.infof("admin login refused username=%s address=%s: %s", Redaction.escapeControls(username), address,
                    account == null ? "unknown account"
                            : account.admin() ? "account " + account.status(clock.instant()) : "not an admin");
            return Optional.empty();
        }
        return Optional.of(account);
    }

    private void count(String outcome) {
        metrics.counter("polyplex_admin_logins", "outcome", outcome).increment();
    }
}
