package org.polyplex.accounts.api;

import java.time.Instant;
import java.util.List;

import org.polyplex.accounts.User;
import org.polyplex.accounts.access.AccessColumns;
import org.polyplex.accounts.auth.AccessRefusal;

/**
 * A line's access rules as the admin API shows them, with the first address recorded for a line
 * locked to it ({@code DELETE /api/users/{id}/first-address} forgets it) and the latest refusal by
 * these rules on this node ({@code lastRefusal}, null when none since the start). The country and ISP
 * locks are stored and shown but not enforced: {@code geoLockEnforced} is always false.
 */
public record AccessView(List<String> formats, List<String> addresses, List<String> userAgents,
        boolean lockToFirstAddress, String firstAddress, Instant firstAddressAt, String countryLock, String ispLock,
        boolean geoLockEnforced, AccessRefusal lastRefusal) {

    static AccessView of(User user, AccessRefusal lastRefusal) {
        // the stored values, already in their checked form: shown as they are, even a hand-edited bad one
        return new AccessView(AccessColumns.split(user.allowedFormats), AccessColumns.split(user.allowedAddresses),
                AccessColumns.split(user.allowedUserAgents), user.lockToFirstAddress,
                user.firstAddress, user.firstAddressAt, user.countryLock, user.ispLock, false, lastRefusal);
    }
}
