package org.polyplex.xtream.gate;

import java.time.Instant;

import org.polyplex.accounts.Account;
import org.polyplex.catalog.CatalogSnapshot;
import org.polyplex.platform.http.ServerAddress;
import org.polyplex.platform.http.StreamUrls;

/**
 * One authenticated Xtream request: who, what they may see (computed once), where they reached
 * us, and the instant the request is judged at.
 */
public record XtreamSession(Account account, String password, CatalogSnapshot catalog, CatalogSnapshot.Access access,
        ServerAddress address, Instant now) {

    /** Expired and disabled lines still log in (apps show why) but list and play nothing. */
    public boolean active() {
        return account.status(now) == Account.Status.ACTIVE;
    }

    public StreamUrls urls() {
        return new StreamUrls(address, account.username(), password);
    }
}
