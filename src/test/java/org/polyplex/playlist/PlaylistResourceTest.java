package org.polyplex.playlist;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.polyplex.xtream.XtreamFixtures;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** {@code /get.php} against a golden playlist, with its options and refusals. */
@QuarkusTest
class PlaylistResourceTest {

    private static Map<String, Object> tokens;

    @BeforeEach
    void data() {
        if (tokens == null) {
            tokens = XtreamFixtures.catalog();
        }
    }

    private static RequestSpecification as(String user) {
        return given().queryParam("username", user).queryParam("password", XtreamFixtures.PASSWORD);
    }

    private static String user() {
        return (String) tokens.get("user");
    }

    @Test
    void m3uPlusListsLiveMoviesAndEpisodesOfTheBouquet() throws IOException {
        String body = as(user()).queryParam("type", "m3u_plus").get("/get.php").then().statusCode(200)
                .contentType(startsWith("audio/x-mpegurl"))
                .header("Content-Disposition", containsString("filename=\"playlist.m3u\""))
                .extract().asString();
        assertThat(body).isEqualTo(golden("m3u_plus.m3u"));
    }

    @Test
    void postFormWorksLikeGet() throws IOException {
        String body = given().contentType("application/x-www-form-urlencoded").formParam("username", user())
                .formParam("password", XtreamFixtures.PASSWORD).formParam("type", "m3u_plus")
                .post("/get.php").then().statusCode(200).extract().asString();
        assertThat(body).isEqualTo(golden("m3u_plus.m3u"));
    }

    @Test
    void outputAndKeyShapeTheList() {
        String hls = as(user()).queryParam("output", "hls").queryParam("key", "live").get("/get.php")
                .then().statusCode(200).extract().asString();
        assertThat(hls.lines().filter(l -> l.startsWith("http")).toList())
                .allMatch(l -> l.contains("/live/") && l.endsWith(".m3u8")).hasSize(2);
        String series = as(user()).queryParam("key", "series,bogus").get("/get.php").then().statusCode(200)
                .extract().asString();
        assertThat(series.lines().filter(l -> l.startsWith("http"))).hasSize(3).allMatch(l -> l.contains("/series/"));
        String plain = as(user()).queryParam("type", "m3u").queryParam("key", "movie").get("/get.php")
                .then().statusCode(200).extract().asString();
        assertThat(plain).isEqualTo("#EXTM3U\n#EXTINF:-1,The Movie\nhttp://localhost:" + RestAssured.port
                + "/movie/" + user() + "/s3cret~pass/" + tokens.get("movie") + ".mp4\n");
    }

    @Test
    void refusals() {
        given().get("/get.php").then().statusCode(401);
        as("nobody").get("/get.php").then().statusCode(401);
        given().queryParam("username", user()).queryParam("password", "wrong").get("/get.php").then().statusCode(401);
        as((String) tokens.get("expiredUser")).get("/get.php").then().statusCode(403);
        for (List<String> bad : List.of(List.of("type", "xml"), List.of("output", "rtmp"))) {
            as(user()).queryParam(bad.get(0), bad.get(1)).get("/get.php").then().statusCode(400);
        }
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = PlaylistResourceTest.class.getClassLoader()
                .getResourceAsStream("fixtures/playlist/" + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (var token : tokens.entrySet()) {
                text = text.replace("{{" + token.getKey() + "}}", String.valueOf(token.getValue()));
            }
            return text.replace("{{port}}", Integer.toString(RestAssured.port));
        }
    }
}
