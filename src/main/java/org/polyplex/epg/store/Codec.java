package org.polyplex.epg.store;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.polyplex.epg.xmltv.XmltvProgramme.EpisodeNum;

/** How repeated programme children are stored in one column: one per line. */
final class Codec {

    // Unit separator between an episode number's system and value: it never occurs in XMLTV text.
    private static final char SEPARATOR = '\u001f';

    private Codec() {
    }

    static String joinLines(List<String> values) {
        return values.stream().map(v -> v.replace('\n', ' ')).collect(Collectors.joining("\n"));
    }

    static List<String> lines(String column) {
        return column == null || column.isEmpty() ? List.of() : List.of(column.split("\n"));
    }

    static String episode(EpisodeNum e) {
        return (e.system() == null ? "" : e.system()) + SEPARATOR + e.value().replace('\n', ' ');
    }

    static List<EpisodeNum> episodes(String column) {
        return lines(column).stream().map(line -> {
            int at = line.indexOf(SEPARATOR);
            return at < 0 ? new EpisodeNum(null, line)
                    : new EpisodeNum(at == 0 ? null : line.substring(0, at), line.substring(at + 1));
        }).toList();
    }

    static List<String> displayNames(String column) {
        return Arrays.stream(column.split("\n")).filter(s -> !s.isBlank()).toList();
    }
}
