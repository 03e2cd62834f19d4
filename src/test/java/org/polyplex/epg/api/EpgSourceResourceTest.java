package org.polyplex.epg.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.polyplex.epg.EpgTestSupport.createChannel;
import static org.polyplex.epg.EpgTestSupport.fixture;
import static org.polyplex.epg.EpgTestSupport.run;
import static org.polyplex.epg.EpgTestSupport.tag;
import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.create;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.polyplex.catalog.CatalogService;
import org.polyplex.epg.EpgService;
import org.polyplex.epg.importer.ImportRunner;

import io.quarkus.test.junit.QuarkusTest;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * The sources API, and downloads from a loopback Vert.x server: gzip over HTTP, 404, an endless
 * body and a stalled body. Every failure keeps the guide of the last good run.
 */
@QuarkusTest
class EpgSourceResourceTest {

    private static final String TAG = tag();
    private static Vertx vertx;
    private static HttpServer server;

    @Inject
    EpgService epg;

    @Inject
    CatalogService catalog;

    @Inject
    ImportRunner runner;

    @BeforeAll
    static void startUpstream() throws Exception {
        vertx = Vertx.vertx();
        Buffer guide = Buffer.buffer(fixture("good.xml", TAG));
        // Empty elements, not white space: one endless text node would hit the parser's text limit first.
        Buffer chunk = Buffer.buffer("<x/>".repeat(16 * 1024));
        server = vertx.createHttpServer().requestHandler(request -> {
            var response = request.response();
            switch (request.path()) {
                case "/guide" -> response.putHeader("Content-Type", "application/octet-stream").end(guide);
                case "/guide.gz" -> response.end(Buffer.buffer(fixture("good.xml.gz", TAG)));
                case "/endless" -> {
                    // Writes for as long as the client reads: never ends on its own.
                    response.setChunked(true).write("<tv>");
                    long timer = vertx.setPeriodic(5, id -> {
                        if (!response.writeQueueFull()) {
                            response.write(chunk);
                        }
                    });
                    response.closeHandler(v -> vertx.cancelTimer(timer));
                }
                case "/stall" -> response.setChunked(true).write("<tv><channel id=\"x\">");
                default -> response.setStatusCode(404).end("not here");
            }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopUpstream() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    private static void moveTo(long source, String url) {
        asAdmin().body(Map.of("url", url, "intervalMinutes", 60)).when().put("/api/epg-sources/" + source).then()
                .statusCode(200).body("url", equalTo(url));
    }

    @Test
    void downloadsAndKeepsTheGuideThroughEveryDownloadFailure() {
        long channel = createChannel("News " + TAG, "news.one-" + TAG);
        long source = create("/api/epg-sources", Map.of("url", url("/guide"), "intervalMinutes", 60));
        assertThat(run(source).getString("status")).isEqualTo("success");

        Map<String, String> failures = Map.of(
                "/missing", "HTTP 404",
                "/endless", "download larger than the configured limit",
                "/stall", "Read timed out");
        for (var failure : failures.entrySet()) {
            moveTo(source, url(failure.getKey()));
            JsonPath run = run(source);
            assertThat(run.getString("status")).as(failure.getKey()).isEqualTo("failed");
            assertThat(run.getString("message")).as(failure.getKey()).contains(failure.getValue());
            assertThat(epg.dataTable(catalog.snapshot().channel(channel).orElseThrow())).as(failure.getKey())
                    .hasSize(3);
        }

        moveTo(source, url("/guide.gz"));
        assertThat(run(source).getString("status")).isEqualTo("success");
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("polyplex_epg_imports_total{outcome=\"failed\"}"));
    }

    @Test
    void crud() {
        String path = "target/test-epg/crud-" + tag() + ".xml";
        long id = create("/api/epg-sources", Map.of("url", path));
        asAdmin().get("/api/epg-sources/" + id).then().statusCode(200)
                .body("url", equalTo(path))
                .body("enabled", equalTo(true))
                .body("intervalMinutes", equalTo(720))
                .body("offsetMinutes", equalTo(0))
                .body("activeGeneration", nullValue())
                .body("running", equalTo(false));

        asAdmin().body(Map.of("url", path, "enabled", false, "intervalMinutes", 30, "offsetMinutes", -60))
                .when().put("/api/epg-sources/" + id).then().statusCode(200)
                .body("enabled", equalTo(false)).body("intervalMinutes", equalTo(30))
                .body("offsetMinutes", equalTo(-60));
        List<Long> ids = asAdmin().get("/api/epg-sources?size=1000").then().statusCode(200).extract().jsonPath()
                .getList("id", Long.class);
        assertThat(ids).contains(id);

        asAdmin().delete("/api/epg-sources/" + id).then().statusCode(204);
        asAdmin().get("/api/epg-sources/" + id).then().statusCode(404).body("code", equalTo("not_found"));
        asAdmin().post("/api/epg-sources/" + id + "/run").then().statusCode(404);
        asAdmin().get("/api/epg-sources/" + id + "/runs").then().statusCode(404);
    }

    @Test
    void refusesUrlsThatAreNeitherHttpNorUnderTheLocalRoot() {
        for (String url : List.of("ftp://example.com/guide.xml", "file:///etc/passwd", "/etc/passwd",
                "target/test-epg/../../pom.xml", "src/test/resources/fixtures/epg/good.xml", "")) {
            asAdmin().body(Map.of("url", url)).when().post("/api/epg-sources").then().statusCode(400);
        }
        asAdmin().body(Map.of("url", "http://x", "intervalMinutes", 0)).when().post("/api/epg-sources").then()
                .statusCode(400);
        asAdmin().body(Map.of("url", "http://x", "offsetMinutes", 100_000)).when().post("/api/epg-sources").then()
                .statusCode(400);
    }

    @Test
    void aSourceRunsOnceAtATime() throws Exception {
        long source = create("/api/epg-sources", Map.of("url", url("/stall")));
        ImportRunner.Started started = runner.start(source, "manual");

        asAdmin().post("/api/epg-sources/" + source + "/run").then().statusCode(409).body("code", equalTo("conflict"));
        asAdmin().delete("/api/epg-sources/" + source).then().statusCode(409);

        started.done().get(30, TimeUnit.SECONDS);
        asAdmin().get("/api/epg-sources/" + source + "/runs").then().statusCode(200)
                .body("[0].status", equalTo("failed")).body("[0].trigger", equalTo("manual"));
    }

    @Test
    void needsAnAdmin() {
        given().contentType("application/json").when().post("/api/epg-sources/1/run").then().statusCode(401);
    }
}
