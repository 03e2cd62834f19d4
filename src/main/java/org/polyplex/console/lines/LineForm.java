package org.polyplex.console.lines;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.polyplex.accounts.User;
import org.polyplex.accounts.UserInput;
import org.polyplex.accounts.access.AccessColumns;
import org.polyplex.accounts.access.AccessInput;
import org.polyplex.console.web.FormErrors;

import io.quarkus.qute.TemplateData;

/**
 * The line form as posted: text as typed, checked boxes as flags. An expiry is a date: the line
 * expires at the end of that day (UTC); an unchanged date keeps the exact expiry it had. No
 * bouquet checked means the whole catalog, as in the API. The access rules are typed as in the
 * API: no format checked means every format; addresses and user agents one per line (or
 * comma-separated addresses), empty for no rule. The output profile is a name ({@code passthrough}
 * when empty).
 */
@TemplateData
public record LineForm(String username, String password, String maxConnections, String expires, boolean enabled,
        boolean trial, boolean admin, Set<Long> bouquetIds, Set<String> formats, String addresses,
        String userAgents, boolean lockToFirstAddress, String countryLock, String ispLock, String outputProfile) {

    public LineForm {
        bouquetIds = bouquetIds == null ? Set.of() : Set.copyOf(bouquetIds);
        formats = formats == null ? Set.of() : Set.copyOf(formats);
        addresses = addresses == null ? "" : addresses;
        userAgents = userAgents == null ? "" : userAgents;
        countryLock = countryLock == null ? "" : countryLock;
        ispLock = ispLock == null ? "" : ispLock;
        outputProfile = outputProfile == null || outputProfile.isBlank() ? PASSTHROUGH : outputProfile.strip();
    }

    private static final String PASSTHROUGH = "passthrough";

    static LineForm blank() {
        return new LineForm("", "", "1", "", true, false, false, Set.of(), Set.of(), "", "", false, "", "", PASSTHROUGH);
    }

    static LineForm of(User user) {
        return new LineForm(user.username, "", Integer.toString(user.maxConnections), date(user.expiresAt),
                user.enabled, user.trial, user.admin, user.bouquetIds, Set.copyOf(AccessColumns.split(user.allowedFormats)),
                String.join("\n", AccessColumns.split(user.allowedAddresses)),
                String.join("\n", AccessColumns.split(user.allowedUserAgents)), user.lockToFirstAddress,
                user.countryLock, user.ispLock, user.outputProfile);
    }

    /** Whether a format's box is checked. */
    public boolean format(String word) {
        return formats.contains(word);
    }

    /** The API input this form stands for, or null with the reasons in {@code errors}. */
    UserInput toInput(Instant currentExpiry, FormErrors errors) {
        Integer max = null;
        if (maxConnections != null && !maxConnections.isBlank()) {
            try {
                max = Integer.valueOf(maxConnections.strip());
            } catch (NumberFormatException e) {
                errors.add("maxConnections", "must be a whole number");
            }
        }
        Instant expiresAt = currentExpiry;
        String typed = expires == null ? "" : expires.strip();
        if (!typed.equals(date(currentExpiry))) {
            try {
                expiresAt = typed.isEmpty() ? null
                        : LocalDate.parse(typed).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                errors.add("expiresAt", "must be a date (YYYY-MM-DD)");
            }
        }
        if (errors.any()) {
            return null;
        }
        String pass = password == null || password.isEmpty() ? null : password;
        return new UserInput(username == null ? "" : username.strip(), pass, max, expiresAt, trial, enabled, admin,
                bouquetIds, new AccessInput(List.copyOf(formats), lines(addresses, "[,\\s]+"),
                        lines(userAgents, "\\R"), lockToFirstAddress, countryLock, ispLock),
                outputProfile);
    }

    private static List<String> lines(String text, String separator) {
        return Arrays.stream(text.split(separator)).filter(value -> !value.isBlank()).toList();
    }

    /** The form's date of an expiry: the day of its last second, in UTC. */
    static String date(Instant expiresAt) {
        return expiresAt == null ? "" : LocalDate.ofInstant(expiresAt.minusSeconds(1), ZoneOffset.UTC).toString();
    }
}
