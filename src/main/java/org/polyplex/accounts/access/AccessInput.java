package org.polyplex.accounts.access;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.polyplex.platform.http.IpRange;
import org.polyplex.platform.web.ApiException;

/**
 * A line's access rules as admins write them ({@code "access"} in {@code /api/users}, the line
 * form). Absent lists mean "no rule". {@link #rules()} checks every value and names the field of
 * the first bad one ({@code access.addresses: '10.0.0.300/8' is not an IP address or CIDR block}).
 */
public record AccessInput(List<String> formats, List<String> addresses, List<String> userAgents,
        Boolean lockToFirstAddress, String countryLock, String ispLock) {

    /** At most this many addresses or CIDR blocks per line. */
    public static final int MAX_ADDRESSES = 100;
    /** At most this many user agents per line. */
    public static final int MAX_USER_AGENTS = 50;
    /** At most this many characters per user agent. */
    public static final int MAX_USER_AGENT_LENGTH = 200;
    /** At most this many characters of ISP name. */
    public static final int MAX_ISP_LENGTH = 100;

    /** The checked rules; throws a 400 {@link ApiException} naming the field of the first bad value. */
    public AccessRules rules() {
        Set<StreamFormat> parsedFormats = new LinkedHashSet<>();
        for (String word : values(formats, "access.formats", 2)) {
            parsedFormats.add(StreamFormat.of(word.toLowerCase(Locale.ROOT)).orElseThrow(
                    () -> ApiException.invalid("access.formats", "'" + word + "' is not a format (ts or m3u8)")));
        }
        List<IpRange> ranges = new ArrayList<>();
        for (String range : values(addresses, "access.addresses", MAX_ADDRESSES)) {
            try {
                ranges.add(IpRange.of(range));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("access.addresses", e.getMessage());
            }
        }
        List<String> agents = values(userAgents, "access.userAgents", MAX_USER_AGENTS);
        for (String agent : agents) {
            if (agent.length() > MAX_USER_AGENT_LENGTH || !printable(agent)) {
                throw ApiException.invalid("access.userAgents",
                        "each user agent is at most " + MAX_USER_AGENT_LENGTH + " printable characters");
            }
        }
        String country = blankToNull(countryLock);
        if (country != null && !country.matches("[A-Za-z]{2}")) {
            throw ApiException.invalid("access.countryLock", "must be a two-letter country code (ISO 3166-1)");
        }
        String isp = blankToNull(ispLock);
        if (isp != null && (isp.length() > MAX_ISP_LENGTH || !printable(isp))) {
            throw ApiException.invalid("access.ispLock", "must be at most " + MAX_ISP_LENGTH + " printable characters");
        }
        return new AccessRules(parsedFormats, ranges, agents, Boolean.TRUE.equals(lockToFirstAddress),
                country == null ? null : country.toUpperCase(Locale.ROOT), isp);
    }

    /** The non-blank, stripped values of a list, without duplicates; at most {@code max} of them. */
    private static List<String> values(List<String> list, String field, int max) {
        if (list == null) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String value : list) {
            if (value == null || value.isBlank()) {
                continue;
            }
            out.add(value.strip());
        }
        if (out.size() > max) {
            throw ApiException.invalid(field, "at most " + max + " values");
        }
        return List.copyOf(out);
    }

    private static boolean printable(String text) {
        return text.chars().allMatch(c -> c >= 0x20 && c != 0x7f);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
