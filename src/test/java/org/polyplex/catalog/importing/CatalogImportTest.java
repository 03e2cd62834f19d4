package org.polyplex.catalog.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.polyplex.catalog.ChannelInput;
import org.polyplex.catalog.ChannelService;
import org.polyplex.catalog.model.Category;
import org.polyplex.catalog.model.Channel;
import org.polyplex.catalog.vod.Movie;
import org.polyplex.catalog.vod.Series;
import org.polyplex.scraping.ScraperSourceService;
import org.polyplex.scraping.source.ScraperSourceInput;
import org.polyplex.scraping.source.SourceType;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

/** The import entry point on its own: natural keys, admin edits, missed runs, VOD, liveness. */
@QuarkusTest
class CatalogImportTest {

    @Inject
    CatalogImport catalog;

    @Inject
    ChannelService channels;

    @Inject
    ScraperSourceService sources;

    /** A channel as stored. */
    record Stored(long id, String name, String logoUrl, String epgId, Long categoryId, boolean enabled, List<String> urls,
            List<Boolean> online) {
    }

    private static Stored stored(String scrapeKey) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Channel c = Channel.find("scrapeKey", scrapeKey).firstResult();
            return c == null ? null
                    : new Stored(c.id, c.name, c.logoUrl, c.epgId, c.categoryId, c.enabled,
                            c.sources.stream().map(s -> s.url).toList(), c.sources.stream().map(s -> s.online).toList());
        });
    }

    /** Imported rows refer to the scraper source that feeds them. */
    private ImportOrigin origin(int maxMissedRuns) {
        long id = sources.create(new ScraperSourceInput("http://import.example/list.m3u", SourceType.M3U, false, 60, null, 0,
                null, null, null)).id;
        return new ImportOrigin(id, 0, null, null, maxMissedRuns);
    }

    private static ImportEntry entry(String id, String name, String url, String epgId, String logoUrl, String group) {
        return new ImportEntry(name, url, epgId, logoUrl, group, null, id);
    }

    private static ImportedEpisodes.Episode ep(String id, int season, int number, String title) {
        return new ImportedEpisodes.Episode(id, season, number, title, "http://import.example/series/u/p/" + id + ".mkv",
                "mkv", null, 60, null);
    }

    /** The series' episodes as stored: provider id to "id SxE title". */
    private static Map<String, String> episodes(String scrapeKey) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Series s = Series.find("scrapeKey", scrapeKey).firstResult();
            Map<String, String> out = new TreeMap<>();
            s.episodes.forEach(e -> out.put(e.providerId, e.id + " " + e.seasonNumber + "x" + e.episodeNumber + " " + e.title));
            return out;
        });
    }

    @Test
    void shouldReplaceTheEpisodesOfAReadSeriesKeepingIdsEvenWhenNumbersSwap() {
        ImportOrigin origin = origin(3);
        List<ImportedVod> series = List.of(new ImportedVod("70", "Swap Show", null, null, null, null, "Import Series"));
        ImportedEpisodes.Season one = new ImportedEpisodes.Season(1, "One", null, null, null);

        assertThat(catalog.apply(origin, List.of(), List.of(), series, List.of(new ImportedEpisodes("70", "v1", List.of(one),
                List.of(ep("1", 1, 1, "A"), ep("2", 1, 2, "B")))))).isEqualTo(new ImportCounts(1, 0, 0));
        String key = "xt:" + origin.sourceId() + ":70";
        Map<String, String> first = episodes(key);
        String idA = first.get("1").split(" ")[0];
        String idB = first.get("2").split(" ")[0];
        assertThat(catalog.seriesVersions(origin.sourceId())).containsExactly(Map.entry("70", "v1"));

        // the same lists at a new version: nothing visible changes, the version is recorded
        assertThat(catalog.apply(origin, List.of(), List.of(), series, List.of(new ImportedEpisodes("70", "v2", List.of(one),
                List.of(ep("1", 1, 1, "A"), ep("2", 1, 2, "B")))))).isEqualTo(new ImportCounts(0, 0, 0));
        assertThat(catalog.seriesVersions(origin.sourceId())).containsExactly(Map.entry("70", "v2"));

        // A and B swap numbers (the unique (season, number) pairs move), C is new, the season goes
        assertThat(catalog.apply(origin, List.of(), List.of(), series, List.of(new ImportedEpisodes("70", "v3", List.of(),
                List.of(ep("2", 1, 1, "B"), ep("1", 1, 2, "A"), ep("3", 2, 1, "C")))))).isEqualTo(new ImportCounts(0, 1, 0));
        Map<String, String> swapped = episodes(key);
        assertThat(swapped.get("1")).isEqualTo(idA + " 1x2 A");
        assertThat(swapped.get("2")).isEqualTo(idB + " 1x1 B");
        assertThat(swapped.get("3")).endsWith(" 2x1 C").doesNotStartWith(idA).doesNotStartWith(idB);
        assertThat(QuarkusTransaction.requiringNew()
                .call(() -> Series.<Series> find("scrapeKey", key).firstResult().seasons.size())).isZero();

        // an empty answer never empties the series, and leaves the version unrecorded
        assertThat(catalog.apply(origin, List.of(), List.of(), series, List.of(new ImportedEpisodes("70", "v4", List.of(),
                List.of())))).isEqualTo(new ImportCounts(0, 0, 0));
        assertThat(episodes(key)).isEqualTo(swapped);
        assertThat(catalog.seriesVersions(origin.sourceId())).containsExactly(Map.entry("70", "v3"));
    }

    @Test
    void shouldCreateOnceAndWriteNothingWhenTheListingIsUnchanged() {
        ImportOrigin origin = origin(3);
        List<ImportEntry> listing = List.of(
                entry("1", "Same One", "http://import.example/same/1.ts", null, null, "Import Same"),
                entry("2", "Same Two", "http://import.example/same/2.ts", null, null, "Import Same"));

        assertThat(catalog.apply(origin, listing)).isEqualTo(new ImportCounts(2, 0, 0));
        assertThat(catalog.apply(origin, listing)).isEqualTo(new ImportCounts(0, 0, 0));

        Stored one = stored("xt:" + origin.sourceId() + ":1");
        assertThat(one.urls()).containsExactly("http://import.example/same/1.ts");
        String group = QuarkusTransaction.requiringNew().call(() -> Category.<Category> findById(one.categoryId()).name);
        assertThat(group).isEqualTo("Import Same");
    }

    @Test
    void shouldKeepWhatAnAdminEditedAndStillFillTheEpgId() {
        ImportOrigin origin = origin(3);
        String url = "http://import.example/edited/1.ts";
        catalog.apply(origin, List.of(entry("1", "Listed", url, null, "http://logos.example/listed.png", "Import Listed")));
        Stored before = stored("xt:" + origin.sourceId() + ":1");
        channels.update(before.id(), new ChannelInput("Admin Name", null, null, "http://logos.example/admin.png", null, true,
                List.of(new ChannelInput.SourceInput(url, 0, null))));

        ImportCounts counts = catalog.apply(origin,
                List.of(entry("1", "Renamed", url, "edited.epg", "http://logos.example/renamed.png", "Import Renamed")));

        Stored after = stored("xt:" + origin.sourceId() + ":1");
        assertThat(counts.updated()).isEqualTo(1);
        assertThat(after.name()).isEqualTo("Admin Name");
        assertThat(after.logoUrl()).isEqualTo("http://logos.example/admin.png");
        assertThat(after.categoryId()).isNull();
        assertThat(after.epgId()).isEqualTo("edited.epg");
    }

    @Test
    void shouldDisableVanishedChannelsAfterTheirMissedRunsWithoutDeletingThem() {
        ImportOrigin origin = origin(1);
        ImportEntry stays = entry("1", "Stays", "http://import.example/gone/1.ts", null, null, null);
        ImportEntry goes = entry("2", "Goes", "http://import.example/gone/2.ts", null, null, null);
        catalog.apply(origin, List.of(stays, goes));

        assertThat(catalog.apply(origin, List.of(stays))).isEqualTo(new ImportCounts(0, 0, 1));
        assertThat(stored("xt:" + origin.sourceId() + ":2").enabled()).isFalse();

        assertThat(catalog.apply(origin, List.of(stays, goes))).isEqualTo(new ImportCounts(0, 1, 0));
        assertThat(stored("xt:" + origin.sourceId() + ":2").enabled()).isTrue();
    }

    @Test
    void shouldImportMoviesAndSeriesByProviderIdAndCountTheirMissedRuns() {
        ImportOrigin origin = origin(1);
        ImportedVod movie = new ImportedVod("11", "A Movie", "http://import.example/movie/11.mkv", "mkv", null, "Plot",
                "Import Films");
        ImportedVod series = new ImportedVod("12", "A Series", null, "mp4", "http://img.example/12.jpg", null,
                "Import Shows");

        assertThat(catalog.apply(origin, List.of(), List.of(movie), List.of(series))).isEqualTo(new ImportCounts(2, 0, 0));
        assertThat(catalog.apply(origin, List.of(), List.of(movie), List.of(series))).isEqualTo(new ImportCounts(0, 0, 0));
        assertThat(catalog.apply(origin, List.of(), List.of(), List.of(series))).isEqualTo(new ImportCounts(0, 0, 1));

        Movie stored = QuarkusTransaction.requiringNew()
                .call(() -> Movie.<Movie> find("scrapeKey", "xt:" + origin.sourceId() + ":11").firstResult());
        assertThat(stored.sourceUrl).isEqualTo("http://import.example/movie/11.mkv");
        assertThat(stored.containerExtension).isEqualTo("mkv");
        assertThat(stored.enabled).isFalse();
    }

    @Test
    void shouldRecordLivenessOfChannelSources() {
        long id = channels.create(new ChannelInput("Import Liveness", null, null, null, null, true, List.of(
                new ChannelInput.SourceInput("http://import.example/live/up.ts", 0, null),
                new ChannelInput.SourceInput("http://import.example/live/down.ts", 1, null)))).id;
        List<Long> ids = QuarkusTransaction.requiringNew()
                .call(() -> Channel.<Channel> findById(id).sources.stream().map(s -> s.id).toList());

        catalog.recordLiveness(Map.of(ids.get(0), true, ids.get(1), false, -1L, true));

        List<Boolean> online = QuarkusTransaction.requiringNew()
                .call(() -> Channel.<Channel> findById(id).sources.stream().map(s -> s.online).toList());
        assertThat(online).containsExactly(true, false);
    }
}
