package org.polyplex.playlist;

import java.util.List;
import java.util.Map;

/**
 * One playlist item as read from an M3U/M3U8 file: its URL, the {@code #EXTINF} title and
 * attributes (lower-case keys such as {@code tvg-id}, {@code group-title}, {@code catchup}),
 * the {@code #EXTGRP} group and any {@code #EXTVLCOPT} options that preceded it. {@code headers}
 * are the HTTP headers the entry asks players to send (canonical names, not yet validated);
 * {@code headerProblems} say what of them could not be read.
 */
public record M3uEntry(String url, String title, Integer duration, Map<String, String> attributes, String extGroup,
        List<String> vlcOptions, Map<String, String> headers, List<String> headerProblems) {

    /** An entry that asks for no headers. */
    public M3uEntry(String url, String title, Integer duration, Map<String, String> attributes, String extGroup,
            List<String> vlcOptions) {
        this(url, title, duration, attributes, extGroup, vlcOptions, Map.of(), List.of());
    }

    public String attribute(String key) {
        String value = attributes.get(key);
        return value == null || value.isBlank() ? null : value.strip();
    }

    public String tvgId() {
        return attribute("tvg-id");
    }

    public String tvgLogo() {
        return attribute("tvg-logo");
    }

    /** The display name: the title after the comma, else {@code tvg-name}. */
    public String name() {
        return title != null && !title.isBlank() ? title.strip() : attribute("tvg-name");
    }

    /** {@code group-title}, else the {@code #EXTGRP} line. */
    public String group() {
        String group = attribute("group-title");
        return group != null ? group : extGroup == null || extGroup.isBlank() ? null : extGroup.strip();
    }

    /** {@code tvg-chno} (or {@code channel-number}) when it is a positive integer. */
    public Integer channelNumber() {
        String value = attribute("tvg-chno");
        if (value == null) {
            value = attribute("channel-number");
        }
        if (value == null) {
            return null;
        }
        try {
            int number = Integer.parseInt(value);
            return number > 0 ? number : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
