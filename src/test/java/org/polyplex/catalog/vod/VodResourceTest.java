package org.polyplex.catalog.vod;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.unique;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

/** {@code /api/movies} and {@code /api/series}: CRUD, validation, and stable episode ids across edits. */
@QuarkusTest
class VodResourceTest {

    @Test
    void movieCrud() {
        long cat = create("/api/categories", Map.of("name", unique("m"), "kind", "movie"));
        long id = create("/api/movies", Map.of("name", " Film ", "categoryId", cat,
                "sourceUrl", "http://files.example/f.mp4", "containerExtension", "MP4", "rating", 6.5));
        asAdmin().get("/api/movies/" + id).then().statusCode(200).body("name", equalTo("Film"))
                .body("containerExtension", equalTo("mp4")).body("enabled", equalTo(true));
        asAdmin().body(Map.of("name", "Film 2", "sourceUrl", "https://files.example/g.mkv", "containerExtension", "mkv",
                "enabled", false)).put("/api/movies/" + id).then().statusCode(200).body("categoryId", equalTo(null));
        asAdmin().queryParam("q", "film 2").get("/api/movies").then().statusCode(200).body("id", hasItem((int) id));
        asAdmin().delete("/api/movies/" + id).then().statusCode(204);
        asAdmin().get("/api/movies/" + id).then().statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void movieValidation() {
        long live = create("/api/categories", Map.of("name", unique("l"), "kind", "live"));
        asAdmin().body(Map.of("name", "X", "sourceUrl", "acestream://" + "a".repeat(40), "containerExtension", "mp4"))
                .post("/api/movies").then().statusCode(400).body("field", equalTo("sourceUrl"));
        asAdmin().body(Map.of("name", "X", "sourceUrl", "rtsp://cam.example/live", "containerExtension", "mp4"))
                .post("/api/movies").then().statusCode(400).body("field", equalTo("sourceUrl"));
        asAdmin().body(Map.of("name", "X", "sourceUrl", "http://h/x", "containerExtension", "../mp4"))
                .post("/api/movies").then().statusCode(400);
        asAdmin().body(Map.of("name", "X", "sourceUrl", "http://h/x", "containerExtension", "mp4", "categoryId", live))
                .post("/api/movies").then().statusCode(400).body("field", equalTo("categoryId"));
        given().body("{}").contentType("application/json").post("/api/movies").then().statusCode(401);
    }

    @Test
    void seriesKeepsEpisodeIdsAcrossEdits() {
        long cat = create("/api/categories", Map.of("name", unique("s"), "kind", "series"));
        Map<String, Object> e1 = Map.of("episodeNumber", 1, "title", "One", "sourceUrl", "http://h/1.mkv",
                "containerExtension", "mkv");
        Map<String, Object> e2 = Map.of("episodeNumber", 2, "title", "Two", "sourceUrl", "http://h/2.mkv",
                "containerExtension", "mkv");
        long id = create("/api/series", Map.of("name", "Show", "categoryId", cat,
                "seasons", List.of(Map.of("seasonNumber", 1, "episodes", List.of(e1, e2)))));
        long first = asAdmin().get("/api/series/" + id).then().statusCode(200)
                .extract().jsonPath().getLong("seasons[0].episodes[0].id");
        var after = asAdmin().body(Map.of("name", "Show", "categoryId", cat, "seasons", List.of(
                Map.of("seasonNumber", 1, "episodes", List.of(Map.of("episodeNumber", 1, "title", "One (edited)",
                        "sourceUrl", "http://h/1b.mkv", "containerExtension", "mkv"))),
                Map.of("seasonNumber", 2, "name", "Two", "episodes", List.of(e1)))))
                .put("/api/series/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(after.getLong("seasons[0].episodes[0].id")).isEqualTo(first);
        assertThat(after.getList("seasons[0].episodes")).hasSize(1);
        assertThat(after.getString("seasons[1].name")).isEqualTo("Two");
        asAdmin().body(Map.of("name", "Show", "seasons", List.of(Map.of("seasonNumber", 1, "episodes", List.of(e1, e1)))))
                .put("/api/series/" + id).then().statusCode(400);
        asAdmin().delete("/api/series/" + id).then().statusCode(204);
    }
}
