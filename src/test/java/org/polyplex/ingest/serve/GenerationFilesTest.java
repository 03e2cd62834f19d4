package org.polyplex.ingest.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generation's HLS files over real HTTP: cache rules, tokens, names that cannot leave the folder. */
class GenerationFilesTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    Path spool;

    private final Vertx vertx = Vertx.vertx();
    private final PlaybackTokens tokens = new PlaybackTokens(new byte[32], Clock.systemUTC());
    private String base;

    @BeforeEach
    void start() throws Exception {
        Path rendition = Files.createDirectories(spool.resolve("4/17/source"));
        Files.writeString(spool.resolve("4/17/index.m3u8"), "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nsource/index.m3u8\n");
        Files.writeString(rendition.resolve("index.m3u8"), "#EXTM3U\n#EXTINF:2,\ng17-r1-000001.ts\n");
        Files.write(rendition.resolve("g17-r1-000001.ts"), new byte[188 * 10]);
        Files.writeString(spool.resolve("4/secret.txt"), "outside the generation");
        GenerationFiles files = new GenerationFiles(vertx, spool, tokens);
        Router router = Router.router(vertx);
        router.routeWithRegex(HttpMethod.GET, GenerationFiles.PATH).handler(files::handle);
        router.routeWithRegex(HttpMethod.HEAD, GenerationFiles.PATH).handler(files::handle);
        router.route("/streams/*").handler(files::handle);
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0)
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        base = "http://127.0.0.1:" + server.actualPort();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void shouldServePlaylistsUncachedAndSegmentsImmutable() throws Exception {
        String token = tokens.issue(4, 17, Duration.ofHours(1));

        HttpResponse<String> master = get("/streams/4/17/" + token + "/index.m3u8");
        assertThat(master.statusCode()).isEqualTo(200);
        assertThat(master.headers().firstValue("Content-Type")).hasValue("application/vnd.apple.mpegurl");
        assertThat(master.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(master.body()).contains("source/index.m3u8");

        HttpResponse<String> media = get("/streams/4/17/" + token + "/source/index.m3u8");
        assertThat(media.statusCode()).isEqualTo(200);
        assertThat(media.headers().firstValue("Cache-Control")).hasValue("no-cache");

        HttpResponse<String> segment = get("/streams/4/17/" + token + "/source/g17-r1-000001.ts");
        assertThat(segment.statusCode()).isEqualTo(200);
        assertThat(segment.headers().firstValue("Content-Type")).hasValue("video/mp2t");
        assertThat(segment.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(segment.body()).hasSize(1880);
    }

    @Test
    void shouldNeverLetACacheKeepASegmentThatDoesNotExistYet() throws Exception {
        String token = tokens.issue(4, 17, Duration.ofHours(1));

        HttpResponse<String> future = get("/streams/4/17/" + token + "/source/g17-r1-000002.ts");

        assertThat(future.statusCode()).isEqualTo(404);
        assertThat(future.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(get("/streams/4/17/" + token + "/720p/index.m3u8").headers().firstValue("Cache-Control"))
                .hasValue("no-store");
    }

    @Test
    void shouldRefuseTokensOfOtherGenerationsAndExpiredOnes() throws Exception {
        String other = tokens.issue(4, 18, Duration.ofHours(1));
        PlaybackTokens past = new PlaybackTokens(new byte[32],
                Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC));
        String expired = past.issue(4, 17, Duration.ofHours(1));
        String forged = new PlaybackTokens(new byte[] { 1 }, Clock.systemUTC()).issue(4, 17, Duration.ofHours(1));

        for (String token : new String[] { other, expired, forged, "zzzz-AAAAAAAAAAAAAAAAAAAAAA" }) {
            HttpResponse<String> answer = get("/streams/4/17/" + token + "/source/g17-r1-000001.ts");
            assertThat(answer.statusCode()).as(token).isEqualTo(403);
            assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
        }
    }

    @Test
    void shouldServeNothingOutsideTheGeneration() throws Exception {
        String token = tokens.issue(4, 17, Duration.ofHours(1));

        for (String path : new String[] { "/streams/4/17/" + token + "/../secret.txt",
                "/streams/4/17/" + token + "/%2e%2e/secret.txt", "/streams/4/17/" + token + "/source/../../secret.txt",
                "/streams/4/17/" + token + "/source/.hidden.ts", "/streams/4/17/" + token + "/a/b/c.ts",
                "/streams/4/17/" + token + "/source/index.m3u8.tmp" }) {
            HttpResponse<String> answer = get(path);
            assertThat(answer.statusCode()).as(path).isIn(403, 404);
            assertThat(answer.body()).as(path).doesNotContain("outside the generation");
        }
    }

    @Test
    void shouldAnswerHeadWithTheLengthAndNoBody() throws Exception {
        String token = tokens.issue(4, 17, Duration.ofHours(1));
        HttpResponse<String> head = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/streams/4/17/" + token
                + "/source/g17-r1-000001.ts")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue("1880");
        assertThat(head.body()).isEmpty();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
