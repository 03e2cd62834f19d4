package org.polyplex.accounts.auth;

import java.time.Duration;

import org.polyplex.accounts.Account;

/** The outcome of checking line (Xtream) credentials. */
public sealed interface LineLogin {

    /** Right credentials; the account may still be expired or disabled. */
    record Accepted(Account account) implements LineLogin {
    }

    /** Missing, overlong, unknown or wrong credentials. */
    record Rejected() implements LineLogin {
    }

    /** Too many bad logins from this address: refused without looking at the credentials. */
    record Throttled(Duration retryAfter) implements LineLogin {

        /** The {@code Retry-After} value: whole seconds, at least 1. */
        public long retryAfterSeconds() {
            return Math.max(1, retryAfter.toSeconds());
        }
    }
}
