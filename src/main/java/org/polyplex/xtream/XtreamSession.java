package org.polyplex.xtream;

import java.time.Instant;

import org.polyplex.accounts.Account;
import org.polyplex.catalog.CatalogSnapshot;

/**
 * One authenticated Xtream request: who, what they may see (computed once), where they reached
 * us, and the instant the request is judged at.
 */
record XtreamSession(Account account, String password, CatalogSnapshot catalog, CatalogSnapshot.Access access,
        ServerAddress address, Instant now) {

    /** Expired and disabled lines still log in (apps show why) but list and play nothing. */
    boolean active() {
        return account.status(now) == Account.Status.ACTIVE;
    }

    StreamUrls urls() {
        return new StreamUrls(address, account.username(), password);
    }
}
