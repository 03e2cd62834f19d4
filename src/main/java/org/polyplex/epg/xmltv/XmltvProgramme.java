package org.polyplex.epg.xmltv;

import java.time.Instant;
import java.util.List;

/**
 * A {@code <programme>} as Polyplex keeps it: times as instants, the first title with its
 * language, and the descriptive elements that apps show (sub-title, desc, categories, episode
 * numbers, icon).
 */
public record XmltvProgramme(String channel, Instant start, Instant stop, String title, String titleLang,
        String subTitle, String description, List<String> categories, List<EpisodeNum> episodeNums, String iconUrl) {

    /** An {@code <episode-num>}: its numbering system ({@code xmltv_ns}, {@code onscreen}...) and value. */
    public record EpisodeNum(String system, String value) {
    }
}
