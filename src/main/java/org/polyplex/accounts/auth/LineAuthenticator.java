package org.polyplex.accounts.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.accounts.Account;
import org.polyplex.accounts.AccountService;
import org.polyplex.accounts.AuthConfig;
import org.polyplex.platform.http.ClientAddress;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

/**
 * The one way in for line (Xtream) credentials, from query, form or path: player_api.php,
 * panel_api.php, get.php, xmltv.php and every stream, VOD and HLS admission path. Every login
 * goes username/password, then the client address's throttle, then the credential check, then
 * a {@link LineLogin}: a throttled address gets {@link LineLogin.Throttled} whatever the
 * password; missing or overlong credentials are bad logins without hashing; bcrypt runs once per
 * distinct credential, later checks are memo hits. The address is the request's
 * {@link ClientAddress}.
 * <p>
 * Three ways to call it, one rule: {@link #login} blocks (worker threads);
 * {@link #loginOnEventLoop} answers from memory or hops to a worker exactly once;
 * {@link #loginFromMemory} never blocks and answers only what memory knows.
 */
@ApplicationScoped
public class LineAuthenticator {

    private final AccountService accounts;
    private final LineThrottle throttle;
    private final ClientAddress addresses;
    private final Vertx vertx;
    private final int maxLength;

    LineAuthenticator(AccountService accounts, AuthConfig config, Clock clock, ClientAddress addresses, Vertx vertx) {
        this.accounts = accounts;
        this.throttle = new LineThrottle(config.lineLimit(), clock);
        this.maxLength = config.lineLimit().maxCredentialLength();
        this.addresses = addresses;
        this.vertx = vertx;
    }

    /** Checks the credentials of a request; blocks on a memo miss (bcrypt): worker threads only. */
    public LineLogin login(String username, String password, HttpServerRequest from) {
        return check(username, password, addresses.of(from));
    }

    /**
     * Checks the credentials of a request on the event loop: a throttled address, a credential
     * accepted before and unusable credentials are answered at once; anything else hops to a
     * worker once for bcrypt. The future completes on the caller's context; it fails only when the
     * check itself failed.
     */
    public Future<LineLogin> loginOnEventLoop(String username, String password, HttpServerRequest from) {
        return loginOnEventLoop(username, password, addresses.of(from));
    }

    /** {@link #loginOnEventLoop(String, String, HttpServerRequest)} for a resolved address. */
    Future<LineLogin> loginOnEventLoop(String username, String password, String address) {
        Optional<LineLogin> known = fromMemory(username, password, address);
        if (known.isPresent()) {
            return Future.succeededFuture(known.get());
        }
        if (!usable(username, password)) {
            // nothing to hash: counting the bad login is a memory write
            return Future.succeededFuture(check(username, password, address));
        }
        // ordered=false: logins of different clients must not queue behind one another's bcrypt
        return vertx.executeBlocking(() -> check(username, password, address), false);
    }

    /**
     * What memory alone can answer, never blocking: {@link LineLogin.Throttled} for a throttled
     * address, {@link LineLogin.Accepted} for a credential accepted before; empty when only
     * {@link #login} can tell (it counts a bad login, this does not).
     */
    public Optional<LineLogin> loginFromMemory(String username, String password, HttpServerRequest from) {
        return fromMemory(username, password, addresses.of(from));
    }

    /** {@link #loginFromMemory(String, String, HttpServerRequest)} for a resolved address. */
    Optional<LineLogin> loginFromMemory(String username, String password, String address) {
        return fromMemory(username, password, address);
    }

    /** Throttle, then credentials; blocks on a memo miss. */
    private LineLogin check(String username, String password, String address) {
        Duration wait = throttle.retryAfter(address);
        if (!wait.isZero()) {
            return new LineLogin.Throttled(wait);
        }
        Optional<Account> account = usable(username, password) ? accounts.authenticate(username, password)
                : Optional.empty();
        if (account.isEmpty()) {
            throttle.failed(address);
            return new LineLogin.Rejected();
        }
        return new LineLogin.Accepted(account.get());
    }

    private Optional<LineLogin> fromMemory(String username, String password, String address) {
        Duration wait = throttle.retryAfter(address);
        if (!wait.isZero()) {
            return Optional.of(new LineLogin.Throttled(wait));
        }
        if (!usable(username, password)) {
            return Optional.empty();
        }
        return accounts.authenticateFromMemo(username, password).map(LineLogin.Accepted::new);
    }

    private boolean usable(String username, String password) {
        return username != null && password != null && !username.isEmpty() && !password.isEmpty()
                && username.length() <= maxLength && password.length() <= maxLength;
    }
}
