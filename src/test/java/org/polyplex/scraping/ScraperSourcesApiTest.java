package org.polyplex.scraping;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.create;

import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.polyplex.platform.secrets.SecretBox;
import org.polyplex.platform.secrets.SecretsConfig;
import org.polyplex.scraping.source.ScraperSource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ScraperSourcesApiTest {

    private static StubHttp stub;

    @Inject
    SecretBox secrets;

    @Inject
    SecretsConfig secretsConfig;

    @BeforeAll
    static void start() {
        stub = new StubHttp();
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    private static Map<String, Object> source(String url, String type) {
        Map<String, Object> body = new HashMap<>();
        body.put("url", url);
        body.put("type", type);
        body.put("intervalMinutes", 30);
        return body;
    }

    @Test
    void crudRoundTrip() {
        long id = create("/api/scraper-sources", source("http://lists.example/a.m3u", "m3u"));

        asAdmin().when().get("/api/scraper-sources/" + id).then().statusCode(200)
                .body("url", equalTo("http://lists.example/a.m3u")).body("type", equalTo("m3u"))
                .body("enabled", equalTo(true)).body("intervalMinutes", equalTo(30)).body("channelsFound", equalTo(0))
                .body("lastScraped", nullValue());
        asAdmin().when().get("/api/scraper-sources").then().statusCode(200).body("id", hasItem((int) id));

        Map<String, Object> update = source("http://lists.example/b.json", "auto");
        update.put("enabled", false);
        asAdmin().body(update).when().put("/api/scraper-sources/" + id).then().statusCode(200)
                .body("type", equalTo("auto")).body("enabled", equalTo(false)).body("intervalMinutes", equalTo(30));

        asAdmin().when().delete("/api/scraper-sources/" + id).then().statusCode(204);
        asAdmin().when().get("/api/scraper-sources/" + id).then().statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void providerPasswordIsStoredEncryptedAndNeverReturned() {
        Map<String, Object> body = source("http://provider.example:8080", "xtream");
        body.put("username", "alice");
        body.put("password", "s3cret-pass");
        long id = create("/api/scraper-sources", body);

        String json = asAdmin().when().get("/api/scraper-sources/" + id).then().statusCode(200)
                .body("username", equalTo("alice")).body("hasPassword", equalTo(true)).extract().asString();
        assertThat(json).doesNotContain("s3cret-pass").doesNotContain("passwordEncrypted");
        String stored = QuarkusTransaction.requiringNew()
                .call(() -> ScraperSource.<ScraperSource> findById(id).passwordEncrypted);
        assertThat(stored).startsWith("v1:").doesNotContain("s3cret-pass");
        assertThat(secrets.decrypt(stored)).isEqualTo("s3cret-pass");
        assertThat(secretsConfig.keyFile()).isEqualTo("target/test-scraping-secret.key");

        body.remove("password"); // keeps the stored one
        asAdmin().body(body).when().put("/api/scraper-sources/" + id).then().statusCode(200).body("hasPassword", equalTo(true));
    }

    @Test
    void rejectsBadInput() {
        asAdmin().body(source("file:///etc/passwd", "m3u")).when().post("/api/scraper-sources").then().statusCode(400)
                .body("field", equalTo("url"));
        asAdmin().body(source("javascript:alert(1)", "auto")).when().post("/api/scraper-sources").then().statusCode(400);
        asAdmin().body(source("http://a.example/", "rss")).when().post("/api/scraper-sources").then().statusCode(400)
                .body("field", equalTo("type"));
        asAdmin().body(source("http://a.example/", "xtream")).when().post("/api/scraper-sources").then().statusCode(400)
                .body("field", equalTo("username"));
        Map<String, Object> badCategory = source("http://a.example/", "m3u");
        badCategory.put("categoryId", 987654321);
        asAdmin().body(badCategory).when().post("/api/scraper-sources").then().statusCode(400)
                .body("field", equalTo("categoryId"));
        given().when().get("/api/scraper-sources").then().statusCode(401);
    }

    @Test
    void runNowReturnsTheRunAndRecordsIt() {
        stub.serve("/api-run.m3u", "audio/x-mpegurl", """
                #EXTM3U
                #EXTINF:-1 tvg-id="apirun.one" group-title="API run",API Run One
                http://streams.example/apirun/1.ts
                #EXTINF:-1,Bad
                file:///etc/passwd
                """);
        long id = create("/api/scraper-sources", source(stub.url("/api-run.m3u"), "auto"));

        asAdmin().when().post("/api/scraper-sources/" + id + "/run").then().statusCode(200)
                .body("status", equalTo("warning")).body("found", equalTo(1)).body("added", equalTo(1))
                .body("skipped", equalTo(1)).body("error", equalTo(
                        "1 entries skipped: invalid id or URL for 'Bad': scheme 'file:' is not allowed"))
                .body("started", notNullValue()).body("finished", notNullValue());
        asAdmin().when().post("/api/scraper-sources/" + id + "/run").then().statusCode(200)
                .body("added", equalTo(0)).body("updated", equalTo(0));

        asAdmin().when().get("/api/scraper-sources/" + id + "/runs").then().statusCode(200)
                .header("X-Total-Count", "2").body("size()", equalTo(2));
        asAdmin().when().get("/api/scraper-sources/" + id).then().body("channelsFound", equalTo(1))
                .body("lastScraped", notNullValue());
        asAdmin().when().post("/api/scraper-sources/987654321/run").then().statusCode(404);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("polyplex_scrape_runs_total{status=\"warning\"}"));
    }
}
