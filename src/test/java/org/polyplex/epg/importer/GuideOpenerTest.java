package org.polyplex.epg.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import org.polyplex.epg.EpgConfig;
import org.polyplex.platform.fetch.FetchException;
import org.polyplex.platform.fetch.FetchedBody;
import org.polyplex.testsupport.TestConfigs;
import org.polyplex.testsupport.TestTls;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guide downloads go through the platform fetcher: a guide host that moved from http to https
 * (the most common redirect there is) is followed, gzip included, and the download caps of
 * {@code polyplex.epg.download} hold.
 */
class GuideOpenerTest {

    private static final String GUIDE = "<tv><channel id=\"one\"><display-name>One</display-name></channel></tv>";

    private static Vertx vertx;
    private static HttpServer http;
    private static HttpServer https;

    @BeforeAll
    static void servers() throws Exception {
        vertx = Vertx.vertx();
        https = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(TestTls.serverKey()))
                .requestHandler(request -> request.response().end(gzip(GUIDE))).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        http = vertx.createHttpServer().requestHandler(request -> request.response().setStatusCode(301)
                .putHeader("Location", "https://localhost:" + https.actualPort() + request.uri()).end())
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldFollowAGuideThatMovedFromHttpToHttps() throws IOException {
        try (GuideOpener opener = new GuideOpener(TestConfigs.defaults(EpgConfig.class), TestTls.clientContext());
                FetchedBody body = opener.open("http://127.0.0.1:" + http.actualPort() + "/guide.xml?user=u&pass=p")) {
            assertThat(new String(body.content().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(GUIDE);
            assertThat(body.uri().getScheme()).isEqualTo("https");
            assertThat(body.gzip()).isTrue();
        }
    }

    @Test
    void shouldHoldTheInflatedSizeCap() {
        EpgConfig tight = TestConfigs.of(EpgConfig.class, Map.of("polyplex.epg.download.max-inflated-size", "16"));
        assertThatThrownBy(() -> {
            try (GuideOpener opener = new GuideOpener(tight, TestTls.clientContext());
                    FetchedBody body = opener.open("http://127.0.0.1:" + http.actualPort() + "/guide.xml")) {
                body.content().readAllBytes();
            }
        }).isInstanceOf(FetchException.class).hasMessageStartingWith("inflated gzip content larger than");
    }

    private static Buffer gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Buffer.buffer(out.toByteArray());
    }
}
