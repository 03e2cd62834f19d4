package org.polyplex.console.lines;

import java.time.Instant;

import org.polyplex.accounts.Account;
import org.polyplex.accounts.User;

import io.quarkus.qute.TemplateData;

/**
 * One line in the list. {@code status} is {@code active}, {@code expired} or {@code disabled};
 * {@code firstAddress} the address recorded for a line locked to its first address, or empty.
 */
@TemplateData
public record LineRow(long id, String username, String status, int maxConnections, String expires, boolean admin,
        boolean trial, String firstAddress) {

    static LineRow of(User user, Instant now) {
        return new LineRow(user.id, user.username, status(user, now), user.maxConnections, expiry(user.expiresAt),
                user.admin, user.trial, user.firstAddress == null ? "" : user.firstAddress);
    }

    static String status(User user, Instant now) {
        if (!user.enabled) {
            return Account.Status.DISABLED.name().toLowerCase();
        }
        return user.expiresAt != null && !user.expiresAt.isAfter(now) ? "expired" : "active";
    }

    static String expiry(Instant expiresAt) {
        return expiresAt == null ? "never" : expiresAt.toString().replace('T', ' ').replace("Z", " UTC");
    }
}
