package org.polyplex.scraping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;

import org.polyplex.catalog.ChannelInput;
import org.polyplex.catalog.ChannelService;
import org.polyplex.catalog.model.Channel;
import org.polyplex.scraping.source.ScraperSourceInput;
import org.polyplex.scraping.source.SourceType;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scraped content cannot point Polyplex at internal destinations; admins still can. The test
 * profile allows loopback (its stub servers run there), so link-local and private cases run here
 * and the loopback ones in {@code DestinationGuardTest} and {@code SourceFetcherTest}.
 */
@QuarkusTest
class ScrapedDestinationsTest {

    private static StubHttp stub;

    @Inject
    ScrapeRunner runner;

    @Inject
    ScraperSourceService sources;

    @Inject
    ChannelService channels;

    @BeforeAll
    static void start() {
        stub = new StubHttp();
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    @Test
    void shouldDropScrapedChannelsWhenTheyNameLinkLocalOrPrivateHosts() {
        stub.serve("/ssrf.m3u", "audio/x-mpegurl", """
                #EXTM3U
                #EXTINF:-1 tvg-id="ssrf.public",Public
                http://203.0.113.7/live/1.ts
                #EXTINF:-1 tvg-id="ssrf.metadata",Metadata
                http://169.254.169.254/latest/meta-data/iam/
                #EXTINF:-1 tvg-id="ssrf.private",Private
                http://10.0.0.1:8080/admin
                """);
        long id = sources.create(new ScraperSourceInput(stub.url("/ssrf.m3u"), SourceType.M3U, true, 60, null, 0, null, null,
                null)).id;

        ScrapeRun run = runner.run(id);

        assertThat(run.status).isEqualTo(ScrapeRun.Status.WARNING);
        assertThat(run.found).isEqualTo(1);
        assertThat(run.skipped).isEqualTo(2);
        assertThat(run.error).contains(
                "refused source URL for 'Metadata': host 169.254.169.254 is a link-local address (polyplex.scraping.ssrf.allow-link-local)",
                "refused source URL for 'Private': host 10.0.0.1 is a private address (polyplex.scraping.ssrf.allow-private)");
        assertThat(QuarkusTransaction.requiringNew().call(() -> Channel.count("scrapeKey in ?1",
                List.of("epg:ssrf.metadata", "epg:ssrf.private")))).isZero();
    }

    @Test
    void shouldNotFollowAPlaylistLinkWhenAPageNamesAPrivateHost() {
        stub.serve("/ssrf-page.html", "text/html", """
                <html><body><a href="acestream://5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d">Page</a>
                <a href="http://192.168.77.1/list.m3u">internal list</a></body></html>""");
        long id = sources.create(new ScraperSourceInput(stub.url("/ssrf-page.html"), SourceType.AUTO, true, 60, null, 0, null,
                null, null)).id;

        ScrapeRun run = runner.run(id);

        assertThat(run.found).isEqualTo(1);
        assertThat(run.error).isEqualTo("linked playlist: refused http://192.168.77.1/list.m3u: host 192.168.77.1 is a"
                + " private address (polyplex.scraping.ssrf.allow-private)");
    }

    @Test
    void shouldAcceptAnInternalUrlWhenAnAdminAddsTheChannel() {
        long id = channels.create(new ChannelInput("Admin Internal", null, null, null, null, true, List.of(
                new ChannelInput.SourceInput("http://169.254.169.254/cam.ts", 0, null),
                new ChannelInput.SourceInput("http://127.0.0.1:9/local.ts", 1, null),
                new ChannelInput.SourceInput("http://10.0.0.9/lan.ts", 2, null)))).id;

        assertThat(QuarkusTransaction.requiringNew().call(() -> Channel.<Channel> findById(id).sources.size())).isEqualTo(3);
    }
}
