package org.polyplex.xtream.auth;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.accounts.Account;
import org.polyplex.accounts.AccountService;

/**
 * Checks Xtream credentials (query, form or path) against the accounts snapshot: bcrypt runs once
 * per distinct credential, later checks are memo hits. Blocking on a cache miss, so event-loop
 * callers hop to a worker first.
 */
@ApplicationScoped
public class XtreamAuthenticator {

    /** Longer values are never valid credentials; refusing them early keeps hashing bounded. */
    static final int MAX_CREDENTIAL_LENGTH = 256;

    private final AccountService accounts;
    private final XtreamLoginThrottle throttle;

    XtreamAuthenticator(AccountService accounts, XtreamLoginThrottle throttle) {
        this.accounts = accounts;
        this.throttle = throttle;
    }

    /**
     * The account when the address is not throttled and the credential was accepted before;
     * empty means "ask {@link #login}" (which may run bcrypt). Never blocks.
     */
    public Optional<Account> loginFromMemo(String username, String password, String address) {
        if (username == null || password == null || !throttle.retryAfter(address).isZero()) {
            return Optional.empty();
        }
        return accounts.authenticateFromMemo(username, password);
    }

    public XtreamLogin login(String username, String password, String address) {
        Duration wait = throttle.retryAfter(address);
        if (!wait.isZero()) {
            return new XtreamLogin.Throttled(wait);
        }
        if (username == null || password == null || username.isEmpty() || password.isEmpty()
                || username.length() > MAX_CREDENTIAL_LENGTH || password.length() > MAX_CREDENTIAL_LENGTH) {
            throttle.failed(address);
            return new XtreamLogin.Rejected();
        }
        return accounts.authenticate(username, password)
                .<XtreamLogin> map(XtreamLogin.Accepted::new)
                .orElseGet(() -> {
                    throttle.failed(address);
                    return new XtreamLogin.Rejected();
                });
    }
}
