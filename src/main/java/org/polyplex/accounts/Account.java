package org.polyplex.accounts;

import java.time.Instant;
import java.util.Set;

import org.polyplex.accounts.access.AccessRules;

/**
 * Immutable view of a user, as the request path sees it: no database access, no lazy state.
 * The password hash stays package-private to the accounts feature. {@code access} holds the line's
 * access rules, {@code firstAddress} the first client address recorded for a line locked to it
 * (null until one is), {@code outputProfile} the profile its stream URLs play through when they name
 * none (null: passthrough).
 */
public record Account(long id, String username, int maxConnections, Instant expiresAt, boolean trial,
        boolean enabled, boolean admin, Set<Long> bouquetIds, Instant createdAt, String passwordHash,
        AccessRules access, String firstAddress, String outputProfile) {

    /** An account without access rules. */
    public Account(long id, String username, int maxConnections, Instant expiresAt, boolean trial, boolean enabled,
            boolean admin, Set<Long> bouquetIds, Instant createdAt, String passwordHash) {
        this(id, username, maxConnections, expiresAt, trial, enabled, admin, bouquetIds, createdAt, passwordHash,
                AccessRules.NONE, null, null);
    }

    /** What a subscriber's line currently is; Xtream's {@code user_info.status} words. */
    public enum Status {
        ACTIVE("Active"),
        EXPIRED("Expired"),
        DISABLED("Disabled");

        private final String xtream;

        Status(String xtream) {
            this.xtream = xtream;
        }

        public String xtream() {
            return xtream;
        }
    }

    public Status status(Instant now) {
        if (!enabled) {
            return Status.DISABLED;
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            return Status.EXPIRED;
        }
        return Status.ACTIVE;
    }

    /** True when the catalog is limited by bouquets; no bouquets means the whole catalog. */
    public boolean restricted() {
        return !bouquetIds.isEmpty();
    }

    @Override
    public String toString() {
        return "Account[id=" + id + ", username=" + username + "]";
    }
}
