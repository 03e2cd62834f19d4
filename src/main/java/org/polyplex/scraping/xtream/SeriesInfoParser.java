package org.polyplex.scraping.xtream;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.polyplex.catalog.importing.ImportedEpisodes;
import org.polyplex.scraping.source.ScrapeFailure;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads one provider {@code get_series_info} answer into the series' seasons and episodes. Panels
 * differ: {@code episodes} is an object keyed by season number or an array (of per-season arrays,
 * or of episodes carrying their {@code season}); numbers come as numbers or digit strings;
 * {@code info} is an object or {@code []}. An episode without a valid id, season or number is
 * skipped and counted; the first of two with the same id or the same (season, number) wins.
 * Stream URLs follow the provider's layout {@code /series/u/p/ID.ext}. Pure.
 */
final class SeriesInfoParser {

    /** Seasons one series may describe; more are ignored (the episodes still carry their season). */
    private static final int MAX_SEASONS = 1000;

    /** What one answer held: the lists, and how many episode entries were unusable. */
    record Parsed(ImportedEpisodes episodes, int skipped) {
    }

    private final String streamBase;
    private final int maxEpisodes;

    /** @param streamBase {@code <base>/series/<u>/<p>/}, credentials already encoded */
    SeriesInfoParser(String streamBase, int maxEpisodes) {
        this.streamBase = streamBase;
        this.maxEpisodes = maxEpisodes;
    }

    Parsed parse(String seriesId, String version, JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new ScrapeFailure("the provider answered something other than an object");
        }
        JsonNode listed = root.get("episodes");
        if (listed == null || !(listed.isObject() || listed.isArray())) {
            throw new ScrapeFailure("the provider's answer has no episodes list");
        }
        List<ImportedEpisodes.Episode> episodes = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<Long> numbers = new HashSet<>();
        int[] skipped = { 0 };
        if (listed.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = listed.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> season = it.next();
                Integer number = XtreamJson.number(season.getKey(), 10_000);
                for (JsonNode e : entries(season.getValue())) {
                    add(episode(e, number), episodes, ids, numbers, skipped);
                }
            }
        } else {
            for (JsonNode element : listed) {
                for (JsonNode e : element.isArray() ? entries(element) : List.of(element)) {
                    add(episode(e, null), episodes, ids, numbers, skipped);
                }
            }
        }
        episodes.sort(Comparator.comparingInt(ImportedEpisodes.Episode::season)
                .thenComparingInt(ImportedEpisodes.Episode::number));
        return new Parsed(new ImportedEpisodes(seriesId, version, seasons(root.get("seasons")), episodes), skipped[0]);
    }

    private void add(ImportedEpisodes.Episode e, List<ImportedEpisodes.Episode> out, Set<String> ids, Set<Long> numbers,
            int[] skipped) {
        if (e == null || !ids.add(e.providerId()) || !numbers.add((long) e.season() << 32 | e.number())) {
            skipped[0]++;
            return;
        }
        if (out.size() >= maxEpisodes) {
            throw new ScrapeFailure("more than " + maxEpisodes + " episodes (polyplex.scraping.series.max-episodes)");
        }
        out.add(e);
    }

    /** The episode entries of one season: an array, or an object keyed by position. */
    private static List<JsonNode> entries(JsonNode season) {
        List<JsonNode> out = new ArrayList<>();
        if (season != null && season.isContainerNode()) {
            season.elements().forEachRemaining(out::add);
        }
        return out;
    }

    /** One episode, or null when it has no valid id, season or number. */
    private ImportedEpisodes.Episode episode(JsonNode e, Integer seasonKey) {
        if (e == null || !e.isObject()) {
            return null;
        }
        String id = XtreamJson.text(e, "id");
        Integer season = seasonKey != null ? seasonKey : XtreamJson.number(XtreamJson.text(e, "season"), 10_000);
        Integer number = XtreamJson.number(XtreamJson.text(e, "episode_num"), 100_000);
        if (id == null || !id.matches("\\d{1,12}") || season == null || number == null) {
            return null;
        }
        String extension = XtreamJson.extension(e);
        JsonNode info = e.path("info");
        String title = XtreamJson.text(e, "title");
        return new ImportedEpisodes.Episode(id, season, number,
                title == null ? "Episode " + number : XtreamJson.cut(title, 300), streamBase + id + "." + extension,
                extension, XtreamJson.cut(XtreamJson.text(info, "plot"), 4000), duration(info),
                XtreamJson.image(XtreamJson.text(info, "movie_image")));
    }

    /** {@code duration_secs}, else {@code duration} as {@code HH:MM:SS}; null when neither is usable. */
    private static Integer duration(JsonNode info) {
        Integer seconds = XtreamJson.number(XtreamJson.text(info, "duration_secs"), 1_000_000);
        if (seconds != null) {
            return seconds;
        }
        String hms = XtreamJson.text(info, "duration");
        if (hms != null && hms.matches("\\d{1,3}:[0-5]\\d:[0-5]\\d")) {
            String[] p = hms.split(":");
            return Integer.parseInt(p[0]) * 3600 + Integer.parseInt(p[1]) * 60 + Integer.parseInt(p[2]);
        }
        return null;
    }

    private static List<ImportedEpisodes.Season> seasons(JsonNode listed) {
        List<ImportedEpisodes.Season> out = new ArrayList<>();
        if (listed == null || !listed.isArray()) {
            return out;
        }
        Set<Integer> numbers = new HashSet<>();
        for (JsonNode s : listed) {
            Integer number = s.isObject() ? XtreamJson.number(XtreamJson.text(s, "season_number"), 10_000) : null;
            if (number == null || !numbers.add(number) || out.size() >= MAX_SEASONS) {
                continue;
            }
            String cover = XtreamJson.image(XtreamJson.text(s, "cover"));
            out.add(new ImportedEpisodes.Season(number, XtreamJson.cut(XtreamJson.text(s, "name"), 300),
                    XtreamJson.cut(XtreamJson.text(s, "overview"), 4000), date(XtreamJson.text(s, "air_date")),
                    cover != null ? cover : XtreamJson.image(XtreamJson.text(s, "cover_big"))));
        }
        out.sort(Comparator.comparingInt(ImportedEpisodes.Season::number));
        return out;
    }

    private static LocalDate date(String text) {
        if (text == null || !text.matches("\\d{4}-\\d{2}-\\d{2}.*")) {
            return null;
        }
        try {
            return LocalDate.parse(text.substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
