package org.polyplex.epg.xmltv;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * XMLTV date-times: {@code YYYYMMDDhhmmss +hhmm}, where seconds, minutes or the whole time may
 * be missing and the offset may be missing (then UTC, as the XMLTV DTD says), written without the
 * space, with a colon, or as {@code Z}.
 */
public final class XmltvTime {

    private static final DateTimeFormatter OUT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private XmltvTime() {
    }

    /** Parses an XMLTV time, or returns empty when it is not one. */
    public static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        int digits = 0;
        while (digits < s.length() && digits < 14 && s.charAt(digits) >= '0' && s.charAt(digits) <= '9') {
            digits++;
        }
        if (digits < 8 || digits % 2 != 0) {
            return Optional.empty();
        }
        try {
            // Digits read by hand: a million programmes make DateTimeFormatter parsing a hot spot.
            LocalDateTime local = LocalDateTime.of(number(s, 0, 4), number(s, 4, 6), number(s, 6, 8),
                    digits > 8 ? number(s, 8, 10) : 0, digits > 10 ? number(s, 10, 12) : 0,
                    digits > 12 ? number(s, 12, 14) : 0);
            ZoneOffset offset = offset(s.substring(digits).strip());
            return offset == null ? Optional.empty() : Optional.of(local.toInstant(offset));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static int number(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (s.charAt(i) - '0');
        }
        return value;
    }

    private static ZoneOffset offset(String rest) {
        if (rest.isEmpty() || rest.equals("Z") || rest.equalsIgnoreCase("UTC") || rest.equalsIgnoreCase("GMT")) {
            return ZoneOffset.UTC;
        }
        String o = rest.replace(":", "");
        if (o.length() != 5 || (o.charAt(0) != '+' && o.charAt(0) != '-')) {
            return null;
        }
        int hours = Integer.parseInt(o.substring(1, 3));
        int minutes = Integer.parseInt(o.substring(3, 5));
        int sign = o.charAt(0) == '-' ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }

    /** The XMLTV form Polyplex writes: always UTC, {@code 20260102030405 +0000}. */
    public static String format(Instant instant) {
        return OUT.format(instant) + " +0000";
    }
}
