package org.polyplex.scraping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.polyplex.catalog.CatalogService;
import org.polyplex.catalog.ChannelInput;
import org.polyplex.catalog.ChannelService;
import org.polyplex.catalog.model.Channel;
import org.polyplex.catalog.model.SourceHeaders;
import org.polyplex.scraping.source.ScraperSourceInput;
import org.polyplex.scraping.source.SourceType;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Stream headers from a scraped list to the stored source, the snapshot, and back through re-runs. */
@QuarkusTest
class ScrapeHeadersTest {

    private static StubHttp stub;

    @Inject
    ScrapeRunner runner;

    @Inject
    ScraperSourceService sources;

    @Inject
    ChannelService channels;

    @Inject
    CatalogService catalog;

    @BeforeAll
    static void start() {
        stub = new StubHttp();
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    private static String list(String userAgent) {
        return """
                #EXTM3U
                #EXTINF:-1 tvg-id="hdr.kodi",Headers Kodi
                http://hdr.example/kodi.ts|User-Agent=%s&Referer=https%%3A%%2F%%2Fsite.example%%2F
                #EXTINF:-1 tvg-id="hdr.vlc",Headers VLC
                #EXTVLCOPT:http-user-agent=VLC/3
                #EXTVLCOPT:http-referrer=https://vlc.example/
                #EXTHTTP:{"Host":"evil.example","Cookie":"a=b"}
                http://hdr.example/vlc.m3u8
                #EXTINF:-1 tvg-id="hdr.none",Headers None
                http://hdr.example/none.ts
                """.formatted(userAgent);
    }

    /** The stored headers of the channel's only source. */
    private static Map<String, String> stored(String scrapeKey) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Channel c = Channel.find("scrapeKey", scrapeKey).firstResult();
            return SourceHeaders.fromJson(c.sources.get(0).headers);
        });
    }

    private static long channelId(String scrapeKey) {
        return QuarkusTransaction.requiringNew().call(() -> Channel.<Channel> find("scrapeKey", scrapeKey).firstResult().id);
    }

    @Test
    void shouldStoreHeadersAndWriteNothingWhenTheListRunsAgainUnchanged() {
        stub.serve("/headers.m3u", "audio/x-mpegurl", list("Kodi%2F20"));
        long id = sources.create(new ScraperSourceInput(stub.url("/headers.m3u"), SourceType.M3U, true, 60, null, 0, null,
                null, null)).id;

        ScrapeRun first = runner.run(id);

        assertThat(first.added).isEqualTo(3);
        assertThat(first.status).isEqualTo(ScrapeRun.Status.WARNING);
        assertThat(first.error).contains("stream header Host dropped: the proxy sets it itself");
        assertThat(stored("epg:hdr.kodi")).isEqualTo(Map.of("User-Agent", "Kodi/20", "Referer", "https://site.example/"));
        assertThat(stored("epg:hdr.vlc")).isEqualTo(Map.of("User-Agent", "VLC/3", "Referer", "https://vlc.example/",
                "Cookie", "a=b"));
        assertThat(stored("epg:hdr.none")).isEmpty();
        assertThat(catalog.snapshot().channel(channelId("epg:hdr.kodi")).orElseThrow().sources().get(0).headers())
                .containsEntry("User-Agent", "Kodi/20");

        ScrapeRun again = runner.run(id);
        assertThat(again.added).isZero();
        assertThat(again.updated).isZero();

        stub.serve("/headers.m3u", "audio/x-mpegurl", list("Kodi%2F21"));
        ScrapeRun changed = runner.run(id);
        assertThat(changed.updated).isEqualTo(1);
        assertThat(stored("epg:hdr.kodi")).containsEntry("User-Agent", "Kodi/21");
        assertThat(runner.run(id).updated).isZero();
    }

    @Test
    void shouldKeepHeadersAnAdminSetWhenTheListRunsAgain() {
        String list = """
                #EXTM3U
                #EXTINF:-1 tvg-id="hdr.admin",Admin Headers
                #EXTVLCOPT:http-user-agent=Listed/1
                http://hdr.example/admin.ts
                """;
        stub.serve("/admin-headers.m3u", "audio/x-mpegurl", list);
        long id = sources.create(new ScraperSourceInput(stub.url("/admin-headers.m3u"), SourceType.M3U, true, 60, null, 0,
                null, null, null)).id;
        runner.run(id);
        long channel = channelId("epg:hdr.admin");

        // an admin write without headers keeps the listed ones
        channels.update(channel, new ChannelInput("Admin Headers", null, null, null, "hdr.admin", true,
                List.of(new ChannelInput.SourceInput("http://hdr.example/admin.ts", 0, null))));
        assertThat(stored("epg:hdr.admin")).isEqualTo(Map.of("User-Agent", "Listed/1"));

        channels.update(channel, new ChannelInput("Admin Headers", null, null, null, "hdr.admin", true,
                List.of(new ChannelInput.SourceInput("http://hdr.example/admin.ts", 0, null,
                        Map.of("user-agent", "Admin/2")))));
        ScrapeRun run = runner.run(id);

        assertThat(run.updated).isZero();
        assertThat(stored("epg:hdr.admin")).isEqualTo(Map.of("User-Agent", "Admin/2"));
    }
}
