package org.polyplex.archive.serve;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code start} and {@code duration} of a catch-up request. Pure.
 * <p>
 * Start forms: {@code YYYY-MM-DD:HH-mm} (the Xtream path form, optionally {@code -ss}),
 * {@code YYYY-MM-DD HH:mm[:ss]} (and with {@code T}), both local times in the server zone, and
 * a Unix time in seconds (Kodi's {@code {utc}}), which is the only unambiguous one. A local time
 * in the hour a DST change repeats gets the earlier offset (the first time the clock showed it);
 * one in the hour it skips is moved forward by the gap, like {@link ZonedDateTime#of}.
 */
final class TimeshiftTimes {

    private static final Pattern XTREAM = Pattern
            .compile("(\\d{4})-(\\d{2})-(\\d{2}):(\\d{2})-(\\d{2})(?:-(\\d{2}))?");
    private static final Pattern READABLE = Pattern
            .compile("(\\d{4})-(\\d{2})-(\\d{2})[ T](\\d{2}):(\\d{2})(?::(\\d{2}))?");
    private static final Pattern EPOCH = Pattern.compile("\\d{9,11}");
    private static final Pattern MINUTES = Pattern.compile("\\d{1,7}");

    private final ZoneId zone;
    private final Duration max;

    TimeshiftTimes(ZoneId zone, Duration max) {
        this.zone = zone;
        this.max = max;
    }

    /** The instant a {@code start} parameter names; 400 {@code bad_start} when it is none of the forms. */
    Instant start(String value) {
        if (value == null || value.length() > 32) {
            throw badStart();
        }
        String text = value.trim();
        if (EPOCH.matcher(text).matches()) {
            return Instant.ofEpochSecond(Long.parseLong(text));
        }
        Matcher m = XTREAM.matcher(text);
        if (!m.matches()) {
            m = READABLE.matcher(text);
        }
        if (!m.matches()) {
            throw badStart();
        }
        try {
            LocalDateTime local = LocalDateTime.of(number(m, 1), number(m, 2), number(m, 3), number(m, 4),
                    number(m, 5), m.group(6) == null ? 0 : number(m, 6));
            // ofLocal with no preferred offset: the earlier one in an overlap, shifted in a gap
            return ZonedDateTime.ofLocal(local, zone, null).toInstant();
        } catch (DateTimeException e) {
            throw badStart();
        }
    }

    /** A {@code duration} in minutes, 1 to the configured maximum; 400 otherwise. */
    Duration duration(String value) {
        if (value == null || !MINUTES.matcher(value.trim()).matches()) {
            throw new CatchupRefusal(400, "bad_duration", "duration must be a whole number of minutes");
        }
        Duration duration = Duration.ofMinutes(Long.parseLong(value.trim()));
        if (duration.isZero()) {
            throw new CatchupRefusal(400, "bad_duration", "duration must be at least one minute");
        }
        if (duration.compareTo(max) > 0) {
            throw new CatchupRefusal(400, "duration_too_long",
                    "duration is longer than the " + max.toMinutes() + " minutes one request may ask for");
        }
        return duration;
    }

    /**
     * The duration from {@code from} to an {@code end} parameter (any start form; Kodi's
     * {@code {utcend}}), in whole minutes rounded up, under the same bounds as {@link #duration}.
     */
    Duration until(Instant from, String end) {
        Instant to;
        try {
            to = start(end);
        } catch (CatchupRefusal e) {
            throw new CatchupRefusal(400, "bad_end", "end must be in one of the start forms");
        }
        long seconds = Duration.between(from, to).getSeconds();
        if (seconds <= 0) {
            throw new CatchupRefusal(400, "bad_duration", "end must be after start");
        }
        return duration(Long.toString(Math.min((seconds + 59) / 60, 9_999_999)));
    }

    private static int number(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    private static CatchupRefusal badStart() {
        return new CatchupRefusal(400, "bad_start",
                "start must be YYYY-MM-DD:HH-mm, YYYY-MM-DD HH:mm:ss (server time) or Unix seconds");
    }
}
