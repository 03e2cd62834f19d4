package org.polyplex.scraping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;

import jakarta.inject.Inject;

import org.polyplex.catalog.CatalogService;
import org.polyplex.catalog.ChannelInput;
import org.polyplex.catalog.ChannelService;
import org.polyplex.catalog.model.Category;
import org.polyplex.catalog.model.CategoryKind;
import org.polyplex.catalog.model.Channel;
import org.polyplex.catalog.vod.Movie;
import org.polyplex.catalog.vod.Series;
import org.polyplex.platform.web.ApiException;
import org.polyplex.scraping.probe.ProbeScheduler;
import org.polyplex.scraping.source.ScraperSourceInput;
import org.polyplex.scraping.source.SourceType;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Import rules end to end: runner, upserts and catalog, against a loopback server. */
@QuarkusTest
class ScrapeImportTest {

    private static StubHttp stub;

    @Inject
    ScrapeRunner runner;

    @Inject
    ScraperSourceService sources;

    @Inject
    ChannelService channels;

    @Inject
    CatalogService catalog;

    @Inject
    ProbeScheduler prober;

    @BeforeAll
    static void start() {
        stub = new StubHttp();
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    /** A channel as stored, with its sources' URLs in failover order. */
    record Stored(long id, String name, String logoUrl, Integer number, Long categoryId, boolean enabled, List<String> urls,
            List<Integer> missed, List<Integer> caps) {
    }

    static Stored channel(String scrapeKey) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Channel c = Channel.find("scrapeKey", scrapeKey).firstResult();
            if (c == null) {
                return null;
            }
            return new Stored(c.id, c.name, c.logoUrl, c.number, c.categoryId, c.enabled,
                    c.sources.stream().map(s -> s.url).toList(), c.sources.stream().map(s -> s.missedRuns).toList(),
                    c.sources.stream().map(s -> s.maxConnections).toList());
        });
    }

    private long source(String path, SourceType type, int priority) {
        return sources.create(new ScraperSourceInput(stub.url(path), type, true, 60, null, priority, null, null, null)).id;
    }

    private static String m3u(String... lines) {
        return "#EXTM3U\n" + String.join("\n", lines) + "\n";
    }

    @Test
    void importsCategoriesAndMergesSourcesOfOneChannel() {
        stub.serve("/merge-a.m3u", "audio/x-mpegurl", m3u(
                "#EXTINF:-1 tvg-id=\"merge.one\" tvg-logo=\"http://logos.example/m1.png\" group-title=\"Merge Group\" tvg-chno=\"7001\",Merge One",
                "http://a.example/merge/1.ts",
                "#EXTINF:-1 tvg-id=\"merge.one\" group-title=\"Merge Group\",Merge One Backup",
                "http://a.example/merge/1b.ts"));
        stub.serve("/merge-b.json", "application/json",
                "[{\"name\":\"Merge One\",\"url\":\"http://b.example/merge/1.m3u8\",\"tvg_id\":\"MERGE.ONE\"}]");
        long low = source("/merge-b.json", SourceType.AUTO, 0);
        long high = source("/merge-a.m3u", SourceType.M3U, 5);

        assertThat(runner.run(high).status).isEqualTo(ScrapeRun.Status.SUCCESS);
        ScrapeRun second = runner.run(low);

        assertThat(second.added).isZero();
        assertThat(second.updated).isEqualTo(1);
        Stored merged = channel("epg:merge.one");
        assertThat(merged.name()).isEqualTo("Merge One");
        assertThat(merged.number()).isEqualTo(7001);
        assertThat(merged.logoUrl()).isEqualTo("http://logos.example/m1.png");
        assertThat(merged.urls()).containsExactly("http://b.example/merge/1.m3u8", "http://a.example/merge/1.ts",
                "http://a.example/merge/1b.ts");
        String category = QuarkusTransaction.requiringNew().call(() -> Category.<Category> findById(merged.categoryId()).name);
        assertThat(category).isEqualTo("Merge Group");
    }

    @Test
    void vanishedChannelsAreDisabledAfterMissedRunsAndComeBack() {
        String both = m3u("#EXTINF:-1 tvg-id=\"vanish.stay\",Stay", "http://a.example/vanish/stay.ts",
                "#EXTINF:-1 tvg-id=\"vanish.go\",Go", "http://a.example/vanish/go.ts");
        String one = m3u("#EXTINF:-1 tvg-id=\"vanish.stay\",Stay", "http://a.example/vanish/stay.ts");
        stub.serve("/vanish.m3u", "audio/x-mpegurl", both);
        long id = source("/vanish.m3u", SourceType.M3U, 0);
        assertThat(runner.run(id).added).isEqualTo(2);

        stub.serve("/vanish.m3u", "audio/x-mpegurl", one);
        assertThat(runner.run(id).removed).isZero();
        assertThat(runner.run(id).removed).isZero();
        assertThat(channel("epg:vanish.go").enabled()).isTrue();
        assertThat(channel("epg:vanish.go").missed()).containsExactly(2);
        ScrapeRun third = runner.run(id);

        assertThat(third.removed).isEqualTo(1);
        assertThat(channel("epg:vanish.go").enabled()).isFalse();
        assertThat(channel("epg:vanish.stay").enabled()).isTrue();

        stub.serve("/vanish.m3u", "audio/x-mpegurl", both);
        ScrapeRun back = runner.run(id);
        assertThat(back.updated).isEqualTo(1);
        assertThat(channel("epg:vanish.go").enabled()).isTrue();
        assertThat(channel("epg:vanish.go").missed()).containsExactly(0);
    }

    @Test
    void shouldSkipACutOffLastUrlAndTakeTheWholeListOnTheNextGoodRun() {
        String head = "#EXTM3U\n#EXTINF:-1 tvg-id=\"cut.one\",Cut One\nhttp://a.example/cut/1.ts\n"
                + "#EXTINF:-1,Cut Two\nhttp://a.example/cut/2";
        stub.serve("/cut.m3u", "audio/x-mpegurl", head);
        long id = source("/cut.m3u", SourceType.M3U, 0);

        ScrapeRun cut = runner.run(id);

        assertThat(cut.status).isEqualTo(ScrapeRun.Status.WARNING);
        assertThat(cut.added).isEqualTo(1);
        assertThat(cut.skipped).isEqualTo(1);
        assertThat(cut.error).contains("last entry without a line end");
        assertThat(channel("url:http://a.example/cut/2")).isNull();

        stub.serve("/cut.m3u", "audio/x-mpegurl", head + ".ts\n");
        ScrapeRun good = runner.run(id);

        assertThat(good.status).isEqualTo(ScrapeRun.Status.SUCCESS);
        assertThat(good.added).isEqualTo(1);
        assertThat(channel("url:http://a.example/cut/2.ts").enabled()).isTrue();
        assertThat(channel("epg:cut.one").missed()).containsExactly(0);
    }

    @Test
    void shouldNotCountMissedRunBookkeepingAsAnUpdateWhenAnEntryComesBackBeforeItIsDisabled() {
        String both = m3u("#EXTINF:-1 tvg-id=\"book.stay\",Stay", "http://a.example/book/stay.ts",
                "#EXTINF:-1 tvg-id=\"book.back\",Back", "http://a.example/book/back.ts");
        stub.serve("/book.m3u", "audio/x-mpegurl", both);
        long id = source("/book.m3u", SourceType.M3U, 0);
        assertThat(runner.run(id).added).isEqualTo(2);
        stub.serve("/book.m3u", "audio/x-mpegurl", m3u("#EXTINF:-1 tvg-id=\"book.stay\",Stay",
                "http://a.example/book/stay.ts"));
        assertThat(runner.run(id).updated).isZero();
        assertThat(channel("epg:book.back").missed()).containsExactly(1);

        stub.serve("/book.m3u", "audio/x-mpegurl", both);
        ScrapeRun back = runner.run(id);

        assertThat(back.updated).isZero();
        assertThat(channel("epg:book.back").missed()).containsExactly(0);
    }

    @Test
    void shouldRecordTheSkippedEntriesWhenARunFailsForListingNothingValid() {
        stub.serve("/nothing.m3u", "audio/x-mpegurl", m3u("#EXTINF:-1,Bad", "javascript:alert(1)", "#EXTINF:-1,Worse",
                "file:///etc/passwd"));

        ScrapeRun run = runner.run(source("/nothing.m3u", SourceType.M3U, 0));

        assertThat(run.status).isEqualTo(ScrapeRun.Status.FAILED);
        assertThat(run.skipped).isEqualTo(2);
        assertThat(run.error).startsWith("the source lists no valid entries: 2 entries skipped");
    }

    @Test
    void shouldPutAChannelInEveryGroupItIsListedUnder() {
        stub.serve("/groups.m3u", "audio/x-mpegurl", m3u(
                "#EXTINF:-1 tvg-id=\"groups.one\" group-title=\"Groups General;Groups News\",Groups One",
                "http://a.example/groups/1.m3u8",
                "#EXTINF:-1 tvg-id=\"groups.one\" group-title=\"Groups Sport\",Groups One",
                "http://a.example/groups/1-backup.m3u8",
                "#EXTINF:-1 group-title=\"Groups News\",Groups Two", "http://a.example/groups/2.m3u8",
                "#EXTINF:-1 group-title=\"Groups Sport\",Groups Two", "http://a.example/groups/2.m3u8"));
        long id = source("/groups.m3u", SourceType.M3U, 0);
        assertThat(runner.run(id).added).isEqualTo(2);

        assertThat(categoryNames("epg:groups.one")).containsExactly("Groups General", "Groups News", "Groups Sport");
        assertThat(categoryNames("url:http://a.example/groups/2.m3u8")).containsExactly("Groups News", "Groups Sport");
        ScrapeRun again = runner.run(id);
        assertThat(again.updated).isZero();
        assertThat(again.added).isZero();

        stub.serve("/groups.m3u", "audio/x-mpegurl", m3u(
                "#EXTINF:-1 tvg-id=\"groups.one\" group-title=\"Groups News\",Groups One",
                "http://a.example/groups/1.m3u8", "#EXTINF:-1 group-title=\"Groups News\",Groups Two",
                "http://a.example/groups/2.m3u8"));
        assertThat(runner.run(id).updated).isEqualTo(2);
        assertThat(categoryNames("epg:groups.one")).containsExactly("Groups News");
    }

    /** The channel's categories in the catalog snapshot, primary first, by name. */
    private List<String> categoryNames(String scrapeKey) {
        long channelId = channel(scrapeKey).id();
        var snapshot = catalog.snapshot();
        var names = new HashMap<Long, String>();
        snapshot.categories(CategoryKind.LIVE).forEach(c -> names.put(c.id(), c.name()));
        return snapshot.channel(channelId).orElseThrow().categoryIds().stream().map(names::get).toList();
    }

    @Test
    void shouldKeepOneStableIdentityWhenTwoOverlappingSourcesRunAlternately() {
        stub.serve("/own-provider.m3u", "audio/x-mpegurl", m3u(
                "#EXTINF:-1 tvg-id=\"own.one\" group-title=\"Own Provider\",Own One Provider",
                "http://provider.example/own/1.ts"));
        stub.serve("/own-public.m3u", "audio/x-mpegurl", m3u(
                "#EXTINF:-1 tvg-id=\"own.one\" tvg-logo=\"http://logos.example/own.png\" group-title=\"Own Public\",Own One Public",
                "http://public.example/own/1.m3u8"));
        long provider = source("/own-provider.m3u", SourceType.M3U, 0);
        long publicList = source("/own-public.m3u", SourceType.M3U, 5);

        // the lower-ranked list runs first and creates the channel; the provider list then takes it over
        assertThat(runner.run(publicList).added).isEqualTo(1);
        assertThat(runner.run(provider).updated).isEqualTo(1);
        Stored first = channel("epg:own.one");
        assertThat(first.name()).isEqualTo("Own One Provider");
        assertThat(first.logoUrl()).as("the provider carries no logo: the public one stays")
                .isEqualTo("http://logos.example/own.png");
        assertThat(categoryNames("epg:own.one")).containsExactly("Own Provider");

        for (int round = 0; round < 3; round++) {
            ScrapeRun p = runner.run(publicList);
            ScrapeRun q = runner.run(provider);
            assertThat(List.of(p.added, p.updated, p.removed, q.added, q.updated, q.removed)).as("round " + round)
                    .containsOnly(0);
        }
        Stored after = channel("epg:own.one");
        assertThat(after).isEqualTo(first);
        assertThat(after.urls()).containsExactly("http://provider.example/own/1.ts", "http://public.example/own/1.m3u8");
    }

    @Test
    void shouldHandTheChannelToTheNextSourceWhenItsOwnerMissedMoreRunsThanTheLimit() {
        String providerListing = m3u(
                "#EXTINF:-1 tvg-id=\"hand.one\" tvg-logo=\"http://logos.example/hand-p.png\" group-title=\"Hand Provider\",Hand One Provider",
                "http://provider.example/hand/1.ts");
        String providerWithout = m3u("#EXTINF:-1 tvg-id=\"hand.other\",Hand Other", "http://provider.example/hand/2.ts");
        stub.serve("/hand-provider.m3u", "audio/x-mpegurl", providerListing);
        stub.serve("/hand-public.m3u", "audio/x-mpegurl", m3u(
                "#EXTINF:-1 tvg-id=\"HAND.ONE\" tvg-logo=\"http://logos.example/hand-q.png\" group-title=\"Hand Public\",Hand One Public",
                "http://public.example/hand/1.m3u8"));
        long provider = source("/hand-provider.m3u", SourceType.M3U, 0);
        long publicList = source("/hand-public.m3u", SourceType.M3U, 5);
        runner.run(provider);
        runner.run(publicList);
        assertThat(channel("epg:hand.one").name()).isEqualTo("Hand One Provider");

        // max-missed-runs is 3 in %test: two missed runs leave the provider the owner
        stub.serve("/hand-provider.m3u", "audio/x-mpegurl", providerWithout);
        runner.run(provider);
        runner.run(provider);
        assertThat(runner.run(publicList).updated).isZero();
        Stored kept = channel("epg:hand.one");
        assertThat(kept.name()).isEqualTo("Hand One Provider");
        assertThat(kept.missed()).containsExactly(2, 0);

        // the third missed run makes its row stale: the public list now owns name, logo and categories
        runner.run(provider);
        ScrapeRun takeOver = runner.run(publicList);
        assertThat(takeOver.updated).isEqualTo(1);
        Stored taken = channel("epg:hand.one");
        assertThat(taken.name()).isEqualTo("Hand One Public");
        assertThat(taken.logoUrl()).isEqualTo("http://logos.example/hand-q.png");
        assertThat(taken.enabled()).isTrue();
        assertThat(categoryNames("epg:hand.one")).containsExactly("Hand Public");
        assertThat(runner.run(publicList).updated).as("the new owner's next run changes nothing").isZero();

        // the provider lists it again: its fresh row ranks first and it owns the channel again
        stub.serve("/hand-provider.m3u", "audio/x-mpegurl", providerListing);
        assertThat(runner.run(provider).updated).isEqualTo(1);
        Stored back = channel("epg:hand.one");
        assertThat(back.name()).isEqualTo("Hand One Provider");
        assertThat(back.logoUrl()).isEqualTo("http://logos.example/hand-p.png");
        assertThat(categoryNames("epg:hand.one")).containsExactly("Hand Provider");
        assertThat(runner.run(publicList).updated).isZero();
    }

    @Test
    void shouldAttachAStreamToItsChannelWhenListsDisagreeOnItsTvgId() {
        stub.serve("/twin-a.m3u", "audio/x-mpegurl", m3u("#EXTINF:-1,Twin Plain", "http://a.example/twin/1.ts"));
        stub.serve("/twin-b.m3u", "audio/x-mpegurl", m3u("#EXTINF:-1 tvg-id=\"twin.one\",Twin Guide",
                "http://a.example/twin/1.ts", "#EXTINF:-1 tvg-id=\"twin.one\",Twin Guide", "http://b.example/twin/1.m3u8"));
        long plain = source("/twin-a.m3u", SourceType.M3U, 0);
        long guided = source("/twin-b.m3u", SourceType.M3U, 5);
        assertThat(runner.run(plain).added).isEqualTo(1);

        ScrapeRun attached = runner.run(guided);

        assertThat(attached.added).isZero();
        assertThat(attached.updated).isEqualTo(1);
        assertThat(channel("epg:twin.one")).isNull();
        Stored twin = channel("url:http://a.example/twin/1.ts");
        assertThat(twin.name()).isEqualTo("Twin Plain");
        assertThat(twin.urls()).containsExactly("http://a.example/twin/1.ts", "http://b.example/twin/1.m3u8");
        String epgId = QuarkusTransaction.requiringNew().call(() -> Channel.<Channel> findById(twin.id()).epgId);
        assertThat(epgId).isEqualTo("twin.one");
        assertThat(runner.run(guided).updated).isZero();
        assertThat(runner.run(plain).updated).isZero();
    }

    @Test
    void adminEditsOfNameLogoAndNumberSurviveScrapes() {
        stub.serve("/manual.m3u", "audio/x-mpegurl", m3u(
                "#EXTINF:-1 tvg-id=\"manual.one\" tvg-logo=\"http://logos.example/a.png\",Scraped Name",
                "http://a.example/manual/1.ts"));
        long id = source("/manual.m3u", SourceType.M3U, 0);
        runner.run(id);
        Stored scraped = channel("epg:manual.one");
        channels.update(scraped.id(), new ChannelInput("Admin Name", 7101, null, "http://logos.example/admin.png", "manual.one",
                true, List.of(new ChannelInput.SourceInput("http://a.example/manual/1.ts", 0, null))));

        stub.serve("/manual.m3u", "audio/x-mpegurl", m3u(
                "#EXTINF:-1 tvg-id=\"manual.one\" tvg-logo=\"http://logos.example/b.png\" tvg-chno=\"7102\",Renamed Upstream",
                "http://a.example/manual/1.ts"));
        runner.run(id);

        Stored after = channel("epg:manual.one");
        assertThat(after.name()).isEqualTo("Admin Name");
        assertThat(after.logoUrl()).isEqualTo("http://logos.example/admin.png");
        assertThat(after.number()).isEqualTo(7101);
    }

    @Test
    void aFailedRunChangesNothing() {
        stub.serve("/fail.json", "application/json",
                "[{\"name\":\"Fail One\",\"id\":\"abababababababababababababababababababab\"}]");
        long id = source("/fail.json", SourceType.JSON, 0);
        runner.run(id);
        Stored before = channel("ace:abababababababababababababababababababab");

        stub.serve("/fail.json", "application/json", new String(Fixtures.bytes("malformed.json"), StandardCharsets.UTF_8));
        ScrapeRun malformed = runner.run(id);
        stub.serve("/fail.json", new StubHttp.Answer(500, "text/plain", new byte[0]));
        ScrapeRun serverError = runner.run(id);
        stub.serve("/fail.json", "application/json", "{\"channels\": []}");
        ScrapeRun empty = runner.run(id);
        stub.serve("/fail.json", "application/json", "[{\"name\":\"x\",\"url\":\"javascript:alert(1)\"}]");
        ScrapeRun invalidOnly = runner.run(id);

        assertThat(malformed.status).isEqualTo(ScrapeRun.Status.FAILED);
        assertThat(malformed.error).startsWith("malformed JSON at line 2");
        assertThat(serverError.error).startsWith("HTTP 500 from http://127.0.0.1:");
        assertThat(empty.error).isEqualTo("the source lists no valid entries");
        assertThat(invalidOnly.error).isEqualTo(
                "the source lists no valid entries: 1 entries skipped: invalid id or URL for 'x': scheme 'javascript:' is not allowed");
        assertThat(List.of(malformed, serverError, empty, invalidOnly)).allSatisfy(run -> {
            assertThat(run.added + run.updated + run.removed).isZero();
            assertThat(run.finishedAt).isNotNull();
        });
        assertThat(channel("ace:abababababababababababababababababababab")).isEqualTo(before);
        assertThat(sources.get(id).channelsFound).isEqualTo(1);
    }

    @Test
    void htmlPagesYieldLinksIdsAndLinkedPlaylists() {
        stub.serve("/page/list.m3u", "audio/x-mpegurl", m3u("#EXTINF:-1,Linked Channel",
                "acestream://cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd"));
        stub.serve("/page/index.html", "text/html; charset=utf-8", """
                <html><body>
                <a href="acestream://dcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdc">Page Channel</a>
                <a href="list.m3u">playlist</a> <a href="missing.m3u">gone</a>
                </body></html>""");
        long id = source("/page/index.html", SourceType.AUTO, 0);

        ScrapeRun run = runner.run(id);

        assertThat(run.found).isEqualTo(2);
        assertThat(run.status).isEqualTo(ScrapeRun.Status.WARNING);
        assertThat(run.error).startsWith("linked playlist: HTTP 404 from");
        assertThat(channel("ace:cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd").name()).isEqualTo("Linked Channel");
        assertThat(channel("ace:dcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdc").name()).isEqualTo("Page Channel");
    }

    @Test
    void xtreamAccountsImportLiveMoviesAndSeries() {
        String[][] answers = { { "", "login.json" }, { "get_live_categories", "live_categories.json" },
                { "get_live_streams", "live_streams.json" }, { "get_vod_categories", "vod_categories.json" },
                { "get_vod_streams", "vod_streams.json" }, { "get_series_categories", "series_categories.json" },
                { "get_series", "series.json" } };
        stub.route("/xt/player_api.php", req -> {
            String action = req.getParam("action") == null ? "" : req.getParam("action");
            if (!"alice".equals(req.getParam("username")) || !"pw".equals(req.getParam("password"))) {
                return StubHttp.Answer.of("application/json", "{\"user_info\":{\"auth\":0}}");
            }
            for (String[] a : answers) {
                if (a[0].equals(action)) {
                    return new StubHttp.Answer(200, "application/json", Fixtures.bytes("xtream/" + a[1]));
                }
            }
            return StubHttp.Answer.of("application/json", "[]");
        });
        long id = sources.create(new ScraperSourceInput(stub.url("/xt/"), SourceType.XTREAM, true, 60, null, 0, null, "alice",
                "pw")).id;

        ScrapeRun run = runner.run(id);

        assertThat(run.status).isEqualTo(ScrapeRun.Status.WARNING);
        assertThat(run.found).isEqualTo(5);
        assertThat(run.added).isEqualTo(5);
        Stored news = channel("xt:" + id + ":101");
        assertThat(news.urls()).containsExactly(stub.url("/xt/live/alice/pw/101.ts"));
        assertThat(news.caps()).containsExactly(2);
        List<String> movies = QuarkusTransaction.requiringNew().call(() -> Movie.<Movie> find("scraperSourceId", id).list()
                .stream().map(m -> m.sourceUrl).sorted().toList());
        assertThat(movies).containsExactly(stub.url("/xt/movie/alice/pw/201.mkv"), stub.url("/xt/movie/alice/pw/202.mp4"));
        assertThat(QuarkusTransaction.requiringNew().call(() -> Series.count("scraperSourceId", id))).isEqualTo(1);

        ScrapeRun again = runner.run(id);
        assertThat(again.added + again.updated + again.removed).isZero();

        sources.update(id,
                new ScraperSourceInput(stub.url("/xt/"), SourceType.XTREAM, true, 60, null, 0, null, "alice", "wrong"));
        ScrapeRun rejected = runner.run(id);
        assertThat(rejected.error).isEqualTo("the provider rejected the account's credentials");
    }

    @Test
    void probingRecordsWhichSourcesAreOnline() {
        stub.serve("/probe-live.ts", "video/mp2t", "G");
        long id = channels.create(new ChannelInput("Probe Target", null, null, null, null, true, List.of(
                new ChannelInput.SourceInput(stub.url("/probe-live.ts"), 0, 1),
                new ChannelInput.SourceInput(stub.url("/probe-missing.ts"), 1, null)))).id;

        assertThat(prober.probe(stub.url("/probe-"))).isEqualTo(1);

        List<Boolean> online = QuarkusTransaction.requiringNew().call(() -> Channel.<Channel> findById(id).sources.stream()
                .map(s -> s.online).toList());
        assertThat(online).containsExactly(true, false);
    }

    @Test
    void aSourceIsDueUntilItRanWithinItsInterval() {
        stub.serve("/due.json", "application/json", "[{\"name\":\"Due\",\"id\":\"efefefefefefefefefefefefefefefefefefefef\"}]");
        long id = source("/due.json", SourceType.JSON, 0);
        long disabled = sources.create(new ScraperSourceInput(stub.url("/due.json"), SourceType.JSON, false, 60, null, 0, null,
                null, null)).id;

        assertThat(sources.due()).contains(id).doesNotContain(disabled);
        runner.run(id);
        assertThat(sources.due()).doesNotContain(id);
    }

    @Test
    void aSourceRunsOnceAtATimeAndUnknownSourcesAre404() {
        assertThatThrownBy(() -> runner.run(987_654_321L)).isInstanceOf(ApiException.class)
                .hasMessageContaining("does not exist");
    }
}
