package org.polyplex.restream.overlay;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders an overlay template: {@code {time}} (HH:mm:ss), {@code {date}} (yyyy-MM-dd) in the
 * configured zone, {@code {channel}} (the source channel's name) and any other {@code {name}} from
 * the restream's named values (empty when unset). Substituted text is never expanded again, and
 * carriage returns and other control characters but the newline are dropped. Pure.
 */
public final class OverlayTemplate {

    /** A field: lower-case letters, digits and underscores, starting with a letter, up to 32 characters. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    private static final Pattern FIELD = Pattern.compile("\\{(" + NAME.pattern() + ")\\}");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private OverlayTemplate() {
    }

    /** The text to draw now. */
    public static String render(String template, Instant now, ZoneId zone, String channel, Map<String, String> values) {
        if (template == null || template.isEmpty()) {
            return "";
        }
        Matcher m = FIELD.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String field = m.group(1);
            String value = switch (field) {
                case "time" -> TIME.format(now.atZone(zone));
                case "date" -> DATE.format(now.atZone(zone));
                case "channel" -> channel == null ? "" : channel;
                default -> values.getOrDefault(field, "");
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return clean(out);
    }

    /** Whether the rendered text changes with the clock (then it is re-rendered every second). */
    public static boolean usesClock(String template) {
        return template != null && (template.contains("{time}") || template.contains("{date}"));
    }

    private static String clean(CharSequence s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().filter(c -> c == '\n' || !Character.isISOControl(c)).forEach(b::appendCodePoint);
        return b.toString();
    }
}
