package org.polyplex.ingest.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.createChannel;
import static org.polyplex.testsupport.AdminApi.unique;

import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.polyplex.catalog.model.IngestSources;
import org.polyplex.proxy.ProxyHarness;
import org.polyplex.testsupport.TsFixtures;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import io.vertx.core.buffer.Buffer;

import org.junit.jupiter.api.Test;

/**
 * A channel whose source is a published stream plays through the ordinary fan-out proxy: the
 * stream's TS, pushed into its feed as a packager would, reaches a real player through
 * {@code /live/u/p/ID.ts}; the admin API accepts the ingest source and imports cannot make one.
 */
@QuarkusTest
class PublishedChannelTest {

    private static final String PASSWORD = "s3cret-pw";

    @Inject
    IngestFeeds feeds;

    @TestHTTPResource("/")
    URL base;

    @Test
    void shouldPlayAPublishedStreamThroughTheLiveRoute() throws Exception {
        long streamId = 900_001;
        long channel = createChannel("published", IngestSources.url(streamId));
        String user = unique("line");
        create("/api/users", Map.of("username", user, "password", PASSWORD, "maxConnections", 2));
        IngestFeed feed = feeds.open(streamId);
        AtomicBoolean publishing = new AtomicBoolean(true);
        Thread packager = new Thread(() -> publish(feed, publishing), "test-packager");
        packager.setDaemon(true);
        packager.start();
        String root = base.toString().replaceAll("/$", "");
        ProxyHarness.FfmpegPlayer player = ProxyHarness
                .ffmpeg(root + "/live/%s/%s/%d.ts".formatted(user, PASSWORD, channel), 3);
        try {
            assertThat(player.frames(Duration.ofSeconds(30))).as("3 s of 25 fps decoded").isGreaterThanOrEqualTo(60);
            assertThat(player.errors()).isEmpty();
            assertThat(feed.subscribers()).as("one session, whatever the number of viewers").isLessThanOrEqualTo(1);
        } finally {
            publishing.set(false);
            packager.join(5_000);
            feed.end("test over");
            player.stop();
        }
    }

    @Test
    void shouldRefuseAViewerCleanlyWhenTheStreamIsNotPublished() {
        long channel = createChannel("offline", IngestSources.url(900_002));
        String user = unique("line");
        create("/api/users", Map.of("username", user, "password", PASSWORD, "maxConnections", 1));
        String root = base.toString().replaceAll("/$", "");

        HttpResponse<InputStream> stream = ProxyHarness.play(root, "/live/%s/%s/%d.ts".formatted(user, PASSWORD, channel));

        assertThat(stream.statusCode()).as("an offline stream is no playable source: a refusal before any byte")
                .isEqualTo(503);
        ProxyHarness.closeStream(stream);
    }

    @Test
    void shouldAcceptIngestSourcesOnlyInTheirExactForm() {
        asAdmin().body(Map.of("name", unique("bad"), "sources", List.of(Map.of("url", "ingest://stream/0"))))
                .when().post("/api/channels").then().statusCode(400);
        asAdmin().body(Map.of("name", unique("bad"), "sources", List.of(Map.of("url", "ingest://stream/1/../2"))))
                .when().post("/api/channels").then().statusCode(400);
    }

    /** The fixture's bytes in 7-packet chunks at about its own rate, looped, as the packager's stdout would come. */
    private static void publish(IngestFeed feed, AtomicBoolean publishing) {
        byte[] ts = TsFixtures.read(TsFixtures.h264(4, 800));
        int chunk = 188 * 7;
        long bytesPerSecond = 250_000;
        long start = System.nanoTime();
        long sent = 0;
        while (publishing.get()) {
            for (int off = 0; off < ts.length && publishing.get(); off += chunk) {
                feed.ts(Buffer.buffer(java.util.Arrays.copyOfRange(ts, off, Math.min(ts.length, off + chunk))));
                sent += chunk;
                long ahead = sent * 1_000_000_000L / bytesPerSecond - (System.nanoTime() - start);
                if (ahead > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(ahead);
                }
            }
        }
    }
}
