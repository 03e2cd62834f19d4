package org.polyplex.ingest.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.unique;

import java.util.HashMap;
import java.util.Map;

import org.polyplex.catalog.model.IngestSources;
import org.polyplex.ingest.StreamService;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;

@QuarkusTest
class StreamApiTest {

    @Test
    void shouldCreateStreamWithLinkedChannelWhenPosted() {
        long category = create("/api/categories", Map.of("name", unique("Events"), "kind", "live"));
        String name = unique("Concert");
        var created = asAdmin().body(Map.of("name", name, "visibility", "subscribers", "categoryId", category,
                "allowTakeover", true))
                .post("/api/streams").then().statusCode(201)
                .body("name", equalTo(name)).body("visibility", equalTo("subscribers"))
                .body("allowTakeover", equalTo(true)).body("channelId", notNullValue())
                .extract().jsonPath();
        long id = created.getLong("id");
        long channelId = created.getLong("channelId");

        asAdmin().get("/api/channels/" + channelId).then().statusCode(200)
                .body("name", equalTo(name)).body("categoryId", equalTo((int) category))
                .body("sources[0].url", equalTo(IngestSources.url(id)));
        asAdmin().get("/api/channels?categoryId=" + category).then().statusCode(200)
                .body("id", hasItem((int) channelId));
        asAdmin().get("/api/streams/" + id).then().statusCode(200).body("channelId", equalTo((int) channelId));
    }

    @Test
    void shouldFileChannelInDefaultLiveCategoryWhenNoneGiven() {
        long first = asAdmin().body(Map.of("name", unique("Default"), "visibility", "public"))
                .post("/api/streams").then().statusCode(201).body("allowTakeover", equalTo(false))
                .extract().jsonPath().getLong("channelId");
        long second = asAdmin().body(Map.of("name", unique("Default"), "visibility", "public"))
                .post("/api/streams").then().statusCode(201).extract().jsonPath().getLong("channelId");
        int categoryA = asAdmin().get("/api/channels/" + first).then().extract().path("categoryId");
        int categoryB = asAdmin().get("/api/channels/" + second).then().extract().path("categoryId");
        asAdmin().get("/api/categories/" + categoryA).then().statusCode(200)
                .body("name", equalTo(StreamService.DEFAULT_CATEGORY)).body("kind", equalTo("live"));
        // the default category is found the second time, not created again
        org.junit.jupiter.api.Assertions.assertEquals(categoryA, categoryB);
    }

    @Test
    void shouldListUpdatePatchAndDeleteStreams() {
        String name = unique("Show");
        var created = asAdmin().body(Map.of("name", name, "visibility", "public")).post("/api/streams")
                .then().statusCode(201).extract().jsonPath();
        long id = created.getLong("id");
        long channelId = created.getLong("channelId");

        asAdmin().get("/api/streams?q=" + name).then().statusCode(200).header("X-Total-Count", "1")
                .body("[0].id", equalTo((int) id));
        String renamed = unique("Renamed");
        asAdmin().body(Map.of("name", renamed, "visibility", "private")).put("/api/streams/" + id)
                .then().statusCode(200).body("name", equalTo(renamed)).body("visibility", equalTo("private"))
                .body("allowTakeover", equalTo(false));
        asAdmin().body(Map.of("allowTakeover", true)).patch("/api/streams/" + id)
                .then().statusCode(200).body("name", equalTo(renamed)).body("visibility", equalTo("private"))
                .body("allowTakeover", equalTo(true));

        asAdmin().delete("/api/streams/" + id).then().statusCode(204);
        asAdmin().get("/api/streams/" + id).then().statusCode(404);
        asAdmin().get("/api/channels/" + channelId).then().statusCode(404);
        asAdmin().delete("/api/streams/" + id).then().statusCode(404);
    }

    @Test
    void shouldKeepStreamWhenItsChannelIsDeleted() {
        var created = asAdmin().body(Map.of("name", unique("Orphan"), "visibility", "public")).post("/api/streams")
                .then().statusCode(201).extract().jsonPath();
        long id = created.getLong("id");
        asAdmin().delete("/api/channels/" + created.getLong("channelId")).then().statusCode(204);
        asAdmin().get("/api/streams/" + id).then().statusCode(200).body("channelId", equalTo(null));
        asAdmin().delete("/api/streams/" + id).then().statusCode(204);
    }

    @Test
    void shouldRefuseBadInputWholeAndNameTheField() {
        long movies = create("/api/categories", Map.of("name", unique("Films"), "kind", "movie"));
        long streamsBefore = total("/api/streams");
        long channelsBefore = total("/api/channels");
        String taken = unique("Taken");
        create("/api/streams", Map.of("name", taken, "visibility", "public"));

        asAdmin().body(Map.of("name", taken, "visibility", "public")).post("/api/streams")
                .then().statusCode(409).body("field", equalTo("name"));
        asAdmin().body(Map.of("name", " ", "visibility", "public")).post("/api/streams")
                .then().statusCode(400).body("field", equalTo("name"));
        asAdmin().body(Map.of("name", unique("x"))).post("/api/streams")
                .then().statusCode(400).body("field", equalTo("visibility"));
        asAdmin().body(Map.of("name", unique("x"), "visibility", "everyone")).post("/api/streams")
                .then().statusCode(400);
        asAdmin().body(Map.of("name", "x".repeat(201), "visibility", "public")).post("/api/streams")
                .then().statusCode(400).body("field", equalTo("name"));
        asAdmin().body(Map.of("name", unique("x"), "visibility", "public", "categoryId", movies))
                .post("/api/streams").then().statusCode(400).body("field", equalTo("categoryId"));
        asAdmin().body(Map.of("name", unique("x"), "visibility", "public", "categoryId", 987_654_321))
                .post("/api/streams").then().statusCode(400).body("field", equalTo("categoryId"));
        // a refused create leaves neither a stream nor a channel behind
        org.junit.jupiter.api.Assertions.assertEquals(streamsBefore + 1, total("/api/streams"));
        org.junit.jupiter.api.Assertions.assertEquals(channelsBefore + 1, total("/api/channels"));

        long id = create("/api/streams", Map.of("name", unique("Other"), "visibility", "public"));
        Map<String, Object> blank = new HashMap<>();
        blank.put("name", "  ");
        asAdmin().body(blank).patch("/api/streams/" + id).then().statusCode(400).body("field", equalTo("name"));
        asAdmin().body(Map.of("name", taken)).patch("/api/streams/" + id)
                .then().statusCode(409).body("field", equalTo("name"));
    }

    @Test
    void shouldAnswer404ForUnknownStreamsAnd401WithoutToken() {
        long unknown = 987_654_321L;
        asAdmin().get("/api/streams/" + unknown).then().statusCode(404).body("code", equalTo("not_found"));
        asAdmin().body(Map.of("name", unique("x"), "visibility", "public")).put("/api/streams/" + unknown)
                .then().statusCode(404);
        asAdmin().body(Map.of("allowTakeover", true)).patch("/api/streams/" + unknown).then().statusCode(404);
        asAdmin().post("/api/streams/" + unknown + "/start").then().statusCode(404);
        asAdmin().post("/api/streams/" + unknown + "/stop").then().statusCode(404);
        asAdmin().get("/api/streams/" + unknown + "/status").then().statusCode(404);
        asAdmin().get("/api/streams/" + unknown + "/generations").then().statusCode(404);
        asAdmin().get("/api/streams/" + unknown + "/keys").then().statusCode(404);
        asAdmin().body(Map.of()).post("/api/streams/" + unknown + "/keys").then().statusCode(404);
        asAdmin().delete("/api/streams/" + unknown + "/keys/1").then().statusCode(404);
        RestAssured.given().contentType(ContentType.JSON).get("/api/streams").then().statusCode(401);
    }

    private static long total(String path) {
        return Long.parseLong(asAdmin().get(path).then().statusCode(200).extract().header("X-Total-Count"));
    }
}
