package org.polyplex.xtream.auth;

import java.time.Duration;

import org.polyplex.accounts.Account;

/** The outcome of checking Xtream credentials. */
public sealed interface XtreamLogin {

    /** Right credentials; the account may still be expired or disabled. */
    record Accepted(Account account) implements XtreamLogin {
    }

    /** Missing, unknown or wrong credentials. */
    record Rejected() implements XtreamLogin {
    }

    /** Too many bad logins from this address: refused without looking at the credentials. */
    record Throttled(Duration retryAfter) implements XtreamLogin {
    }
}
