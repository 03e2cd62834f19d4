package org.polyplex.accounts.access;

import java.util.Arrays;
import java.util.List;

/**
 * How access rules sit in the {@code users} table: each list in one text column, one value per
 * line (no value can hold a line break: {@link AccessInput} admits printable characters only),
 * null for an empty list. Values were checked when written, so reading never fails on them.
 */
public final class AccessColumns {

    private AccessColumns() {
    }

    /** A list as stored: one value per line, or null when empty. */
    public static String join(List<String> values) {
        return values == null || values.isEmpty() ? null : String.join("\n", values);
    }

    /** A stored column as a list. */
    public static List<String> split(String column) {
        return column == null || column.isBlank() ? List.of() : Arrays.stream(column.split("\n")).toList();
    }

    /** The rules stored in these columns. */
    public static AccessRules rules(String formats, String addresses, String userAgents, boolean lockToFirstAddress,
            String countryLock, String ispLock) {
        return new AccessInput(split(formats), split(addresses), split(userAgents), lockToFirstAddress, countryLock,
                ispLock).rules();
    }
}
