package org.polyplex.accounts.api;

import java.time.Instant;
import java.util.List;

import org.polyplex.accounts.User;
import org.polyplex.accounts.auth.AccessRefusal;

/**
 * A user as the admin API shows it: everything but the password, with the line's access rules and
 * its output profile ({@code passthrough} when it has none).
 */
public record UserView(long id, String username, int maxConnections, Instant expiresAt, boolean trial,
        boolean enabled, boolean admin, List<Long> bouquetIds, Instant createdAt, Instant updatedAt,
        AccessView access, String outputProfile) {

    static UserView of(User user, AccessRefusal lastRefusal) {
        return new UserView(user.id, user.username, user.maxConnections, user.expiresAt, user.trial, user.enabled,
                user.admin, user.bouquetIds.stream().sorted().toList(), user.createdAt, user.updatedAt,
                AccessView.of(user, lastRefusal), user.outputProfile == null ? "passthrough" : user.outputProfile);
    }
}
