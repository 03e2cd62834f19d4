package org.polyplex.accounts.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.accounts.Account;
import org.polyplex.accounts.AccountService;
import org.polyplex.accounts.AuthConfig;

/**
 * The one way in for line (Xtream) credentials, from query, form or path: player_api.php,
 * panel_api.php, get.php, xmltv.php and every stream, VOD and HLS admission path. The address
 * throttle is checked before any comparison, so a throttled address gets {@link LineLogin.Throttled}
 * whatever the password; overlong credentials are bad logins without hashing; bcrypt runs once per
 * distinct credential, later checks are memo hits.
 */
@ApplicationScoped
public class LineAuthenticator {

    private final AccountService accounts;
    private final LineThrottle throttle;
    private final int maxLength;

    LineAuthenticator(AccountService accounts, AuthConfig config, Clock clock) {
        this.accounts = accounts;
        this.throttle = new LineThrottle(config.lineLimit(), clock);
        this.maxLength = config.lineLimit().maxCredentialLength();
    }

    /** How long the address must wait, or {@link Duration#ZERO}. Never blocks. */
    public Duration retryAfter(String address) {
        return throttle.retryAfter(address);
    }

    /**
     * The account when the address is not throttled and this credential was accepted before;
     * empty means "ask {@link #login}" (which may run bcrypt). Never blocks.
     */
    public Optional<Account> loginFromMemo(String username, String password, String address) {
        if (!usable(username, password) || !throttle.retryAfter(address).isZero()) {
            return Optional.empty();
        }
        return accounts.authenticateFromMemo(username, password);
    }

    /** Checks the credentials; blocking on a memo miss (bcrypt), so event-loop callers hop to a worker. */
    public LineLogin login(String username, String password, String address) {
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

    private boolean usable(String username, String password) {
        return username != null && password != null && !username.isEmpty() && !password.isEmpty()
                && username.length() <= maxLength && password.length() <= maxLength;
    }
}
