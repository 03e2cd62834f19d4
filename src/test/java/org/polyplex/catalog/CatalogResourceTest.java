package org.polyplex.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.unique;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

@QuarkusTest
class CatalogResourceTest {

    @Test
    void categoriesCrudWithConflictsAndParents() {
        String name = unique("Sports");
        long sports = create("/api/categories", Map.of("name", name, "kind", "live", "sortOrder", 3));
        asAdmin().get("/api/categories/" + sports).then().statusCode(200)
                .body("name", equalTo(name)).body("kind", equalTo("live")).body("sortOrder", equalTo(3));
        asAdmin().body(Map.of("name", name, "kind", "live")).post("/api/categories")
                .then().statusCode(409).body("field", equalTo("name"));
        // the same name is fine for another kind
        create("/api/categories", Map.of("name", name, "kind", "movie"));
        long football = create("/api/categories", Map.of("name", unique("Football"), "kind", "live", "parentId", sports));
        asAdmin().body(Map.of("name", name, "kind", "live", "parentId", football)).put("/api/categories/" + sports)
                .then().statusCode(400).body("field", equalTo("parentId"));
        asAdmin().body(Map.of("name", unique("x"), "kind", "movie", "parentId", sports)).post("/api/categories")
                .then().statusCode(400).body("field", equalTo("parentId"));
        asAdmin().body(Map.of("name", unique("x"), "kind", "radio")).post("/api/categories")
                .then().statusCode(400).body("field", equalTo("kind"));
        asAdmin().delete("/api/categories/" + sports).then().statusCode(409);
        asAdmin().delete("/api/categories/" + football).then().statusCode(204);
        asAdmin().delete("/api/categories/" + sports).then().statusCode(204);
        asAdmin().get("/api/categories/" + sports).then().statusCode(404);
    }

    @Test
    void channelsWithOrderedSources() {
        long category = create("/api/categories", Map.of("name", unique("News"), "kind", "live"));
        int number = 100 + (int) (System.nanoTime() % 100_000);
        long id = asAdmin().body(Map.of("name", "News 24", "number", number, "categoryId", category,
                "logoUrl", "https://logos.example/news.png", "epgId", "news24.example",
                "sources", List.of(
                        Map.of("url", "http://backup.example/news.ts", "priority", 5),
                        Map.of("url", "ACESTREAM://0123456789ABCDEF0123456789abcdef01234567", "priority", 1,
                                "maxConnections", 2))))
                .post("/api/channels").then().statusCode(201)
                .body("sources.url", contains("acestream://0123456789abcdef0123456789abcdef01234567",
                        "http://backup.example/news.ts"))
                .body("sources[0].maxConnections", equalTo(2))
                .extract().jsonPath().getLong("id");
        long keptSourceId = asAdmin().get("/api/channels/" + id).then().extract().jsonPath().getLong("sources[1].id");

        asAdmin().body(Map.of("name", "News 24 HD", "number", number, "categoryId", category,
                "sources",
                List.of(Map.of("url", "http://backup.example/news.ts"), Map.of("url", "https://new.example/n.m3u8"))))
                .put("/api/channels/" + id).then().statusCode(200)
                .body("name", equalTo("News 24 HD"))
                .body("sources.url", contains("http://backup.example/news.ts", "https://new.example/n.m3u8"))
                .body("sources[0].id", equalTo((int) keptSourceId));

        asAdmin().body(Map.of("name", "Copy", "number", number)).post("/api/channels")
                .then().statusCode(409).body("field", equalTo("number"));
        asAdmin().get("/api/channels?categoryId=" + category).then().header("X-Total-Count", "1");
        asAdmin().delete("/api/channels/" + id).then().statusCode(204);
        asAdmin().get("/api/channels/" + id).then().statusCode(404);
    }

    @Test
    void badChannelsAreRefusedWholeAndNamed() {
        long movies = create("/api/categories", Map.of("name", unique("Films"), "kind", "movie"));
        long before = total("/api/channels");
        asAdmin().body(Map.of("name", "X", "categoryId", movies)).post("/api/channels")
                .then().statusCode(400).body("field", equalTo("categoryId"));
        asAdmin().body(Map.of("name", "X", "categoryId", 98765432)).post("/api/channels")
                .then().statusCode(400).body("field", equalTo("categoryId"));
        asAdmin().body(Map.of("name", "X", "sources", List.of(Map.of("url", "http://ok.example/a.ts"),
                Map.of("url", "javascript:alert(1)")))).post("/api/channels")
                .then().statusCode(400).body("field", equalTo("sources[1].url"));
        asAdmin().body(Map.of("name", "X", "sources", List.of(Map.of("url", "file:///etc/passwd")))).post("/api/channels")
                .then().statusCode(400);
        asAdmin().body(Map.of("name", "X", "sources", List.of(Map.of("url", "acestream://short")))).post("/api/channels")
                .then().statusCode(400);
        asAdmin().body(Map.of("name", "X", "sources", List.of(Map.of("url", "http://a.example/x"),
                Map.of("url", "http://a.example/x")))).post("/api/channels").then().statusCode(400);
        asAdmin().body(Map.of("name", " ")).post("/api/channels").then().statusCode(400).body("field", equalTo("name"));
        asAdmin().body(Map.of("name", "X", "number", "seven")).post("/api/channels")
                .then().statusCode(400).body("field", equalTo("number"));
        asAdmin().body(Map.of("name", "X", "logoUrl", "not a url")).post("/api/channels")
                .then().statusCode(400).body("field", equalTo("logoUrl"));
        assertThat(total("/api/channels")).isEqualTo(before);
    }

    @Test
    void sqlMetacharactersAreJustText() {
        String name = "Robert'); DROP TABLE channels;-- " + unique("");
        long id = create("/api/channels", Map.of("name", name));
        asAdmin().get("/api/channels/" + id).then().body("name", equalTo(name));
        asAdmin().get("/api/channels?q=' OR 1=1 --").then().statusCode(200).header("X-Total-Count", "0");
        asAdmin().get("/api/channels?q=%25").then().statusCode(200);
    }

    @Test
    void bouquetsCheckTheirIdsAndCannotVanishUnderUsers() {
        long category = create("/api/categories", Map.of("name", unique("Kids"), "kind", "live"));
        long channel = create("/api/channels", Map.of("name", unique("Cartoons")));
        String name = unique("Family");
        long bouquet = create("/api/bouquets", Map.of("name", name, "categoryIds", List.of(category),
                "channelIds", List.of(channel)));
        asAdmin().get("/api/bouquets/" + bouquet).then().body("categoryIds", contains((int) category))
                .body("channelIds", contains((int) channel));
        asAdmin().body(Map.of("name", name)).post("/api/bouquets").then().statusCode(409);
        asAdmin().body(Map.of("name", unique("b"), "channelIds", List.of(channel, 99999999))).post("/api/bouquets")
                .then().statusCode(400).body("field", equalTo("channelIds"));

        long user = create("/api/users", Map.of("username", unique("kid"), "password", "pass-1234",
                "bouquetIds", List.of(bouquet)));
        asAdmin().delete("/api/bouquets/" + bouquet).then().statusCode(409);
        asAdmin().get("/api/bouquets/" + bouquet).then().statusCode(200);
        asAdmin().delete("/api/users/" + user).then().statusCode(204);
        asAdmin().delete("/api/bouquets/" + bouquet).then().statusCode(204);
    }

    private static long total(String path) {
        return Long.parseLong(asAdmin().get(path + "?size=1").then().extract().header("X-Total-Count"));
    }
}
