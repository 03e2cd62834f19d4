package org.polyplex.epg.xmltv;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Collects the children of one {@code <programme>}; the first title, sub-title, desc and icon win. */
final class ProgrammeBuilder {

    // Bounds on repeated children keep one programme small whatever the file holds.
    private static final int MAX_REPEATED = 16;

    String title;
    private String titleLang;
    private String subTitle;
    private String description;
    private String icon;
    private final List<String> categories = new ArrayList<>();
    private final List<XmltvProgramme.EpisodeNum> episodes = new ArrayList<>();

    void title(String lang, String text) {
        if (title == null && !text.isBlank()) {
            title = text;
            titleLang = lang == null || lang.isBlank() ? null : lang.strip();
        }
    }

    void subTitle(String text) {
        subTitle = subTitle == null && !text.isBlank() ? text : subTitle;
    }

    void description(String text) {
        description = description == null && !text.isBlank() ? text : description;
    }

    void category(String text) {
        if (!text.isBlank() && categories.size() < MAX_REPEATED) {
            categories.add(text);
        }
    }

    void episode(String system, String text) {
        if (!text.isBlank() && episodes.size() < MAX_REPEATED) {
            episodes.add(new XmltvProgramme.EpisodeNum(system == null || system.isBlank() ? null : system.strip(), text));
        }
    }

    void icon(String src) {
        icon = icon == null && src != null && !src.isBlank() ? src.strip() : icon;
    }

    XmltvProgramme build(String channel, Instant start, Instant stop) {
        return new XmltvProgramme(channel, start, stop, title, titleLang, subTitle, description, List.copyOf(categories),
                List.copyOf(episodes), icon);
    }
}
