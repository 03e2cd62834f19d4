package org.polyplex.catalog.importing;

import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * A provider's own catch-up archive of a listed stream: {@code days} kept (0 = none, at most
 * {@link #MAX_DAYS}) and the zone it reads timeshift starts in ({@code timeZone}, a valid
 * {@link ZoneId} or null when the provider named none).
 */
public record ProviderArchive(int days, String timeZone) {

    /** No provider archive. */
    public static final ProviderArchive NONE = new ProviderArchive(0, null);

    /** A bound on what a provider may claim (a year and a bit). */
    public static final int MAX_DAYS = 400;

    public ProviderArchive {
        days = Math.max(0, Math.min(MAX_DAYS, days));
        timeZone = zone(timeZone);
    }

    /** The archive an Xtream listing describes; NONE unless {@code tvArchive} is 1 and the days are positive. */
    public static ProviderArchive of(String tvArchive, String duration, String timeZone) {
        if (!"1".equals(tvArchive) || duration == null || !duration.strip().matches("\\d{1,4}")) {
            return NONE;
        }
        int days = Integer.parseInt(duration.strip());
        return days <= 0 ? NONE : new ProviderArchive(days, timeZone);
    }

    private static String zone(String name) {
        if (name == null || name.isBlank() || name.length() > 64) {
            return null;
        }
        try {
            return ZoneId.of(name.strip()).getId();
        } catch (DateTimeException e) {
            return null;
        }
    }
}
