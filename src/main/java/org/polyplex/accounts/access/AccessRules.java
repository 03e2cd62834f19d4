package org.polyplex.accounts.access;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.polyplex.platform.http.IpRange;

/**
 * A line's access rules, as the request path reads them: immutable, parsed once when the
 * accounts snapshot is built. An empty list allows everything of its kind.
 *
 * @param formats stream formats the line may play; empty: every format
 * @param addresses client addresses (IPv4 and IPv6 CIDR blocks) the line may be used from; empty: any
 * @param userAgents user agents the line may be used with, each a case-insensitive substring of the
 *        request's {@code User-Agent}; empty: any, even none
 * @param lockToFirstAddress whether only the first address that used the line may use it
 * @param countryLock ISO 3166 country code; stored and shown, not enforced (no GeoIP database)
 * @param ispLock ISP name; stored and shown, not enforced (no GeoIP database)
 */
public record AccessRules(Set<StreamFormat> formats, List<IpRange> addresses, List<String> userAgents,
        boolean lockToFirstAddress, String countryLock, String ispLock) {

    /** No rule at all: what every line had before access rules existed. */
    public static final AccessRules NONE = new AccessRules(Set.of(), List.of(), List.of(), false, null, null);

    public AccessRules {
        formats = formats.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(formats));
        addresses = List.copyOf(addresses);
        userAgents = userAgents.stream().map(agent -> agent.toLowerCase(Locale.ROOT)).toList();
    }

    /** Whether the line may play this format. */
    public boolean allows(StreamFormat format) {
        return formats.isEmpty() || formats.contains(format);
    }

    /** Whether the line may be used from this address (a canonical IP literal, or {@code unknown}). */
    public boolean allowsAddress(String address) {
        return addresses.isEmpty() || addresses.stream().anyMatch(range -> range.contains(address));
    }

    /** Whether the line may be used with this {@code User-Agent} (null when the request sent none). */
    public boolean allowsUserAgent(String userAgent) {
        if (userAgents.isEmpty()) {
            return true;
        }
        if (userAgent == null) {
            return false;
        }
        String agent = userAgent.toLowerCase(Locale.ROOT);
        return userAgents.stream().anyMatch(agent::contains);
    }

    /** Whether a country or ISP lock is set, which this build stores but cannot enforce. */
    public boolean geoLockSet() {
        return countryLock != null || ispLock != null;
    }
}
