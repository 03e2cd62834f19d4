package org.polyplex.proxy.vod;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.polyplex.testsupport.AdminApi.adminToken;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.createChannel;
import static org.polyplex.testsupport.AdminApi.unique;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.polyplex.testsupport.FileUpstream;
import org.polyplex.xtream.XtreamFixtures;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;

/** Movie and episode proxying (Range, HEAD), legacy query forms, and refusals before any upstream I/O. */
@QuarkusTest
class VodRoutesTest {

    private static final String PASSWORD = "vod~pass";

    private static FileUpstream upstream;
    private static String user;
    private static String expired;
    private static long movie;
    private static long missingMovie;
    private static long episode;
    private static long channel;
    private static Map<String, Object> restricted;

    @BeforeEach
    void setUp() throws Exception {
        if (upstream != null) {
            return;
        }
        upstream = new FileUpstream();
        String base = "http://127.0.0.1:" + upstream.port();
        long movieCat = create("/api/categories", Map.of("name", unique("vod"), "kind", "movie"));
        long seriesCat = create("/api/categories", Map.of("name", unique("vod"), "kind", "series"));
        movie = create("/api/movies", Map.of("name", "Proxied", "categoryId", movieCat,
                "sourceUrl", base + "/secret/file.mp4?token=abc", "containerExtension", "mp4"));
        missingMovie = create("/api/movies", Map.of("name", "Gone", "categoryId", movieCat,
                "sourceUrl", base + "/gone.mp4", "containerExtension", "mp4"));
        long series = create("/api/series", Map.of("name", "Proxied Show", "categoryId", seriesCat, "seasons",
                List.of(Map.of("seasonNumber", 1, "episodes", List.of(Map.of("episodeNumber", 1, "title", "One",
                        "sourceUrl", base + "/redirect", "containerExtension", "mkv"))))));
        episode = given().auth().oauth2(adminToken()).get("/api/series/" + series)
                .then().statusCode(200).extract().jsonPath().getLong("seasons[0].episodes[0].id");
        channel = createChannel("ch", "http://upstream.example/live.ts");
        user = unique("viewer");
        expired = unique("lapsed");
        createUser(user, null);
        createUser(expired, "2020-01-01T00:00:00Z");
        restricted = XtreamFixtures.catalog();
    }

    @AfterAll
    static void stopUpstream() throws Exception {
        if (upstream != null) {
            upstream.close();
        }
    }

    private static void createUser(String name, String expiresAt) {
        Map<String, Object> body = new HashMap<>(Map.of("username", name, "password", PASSWORD, "maxConnections", 1));
        body.put("expiresAt", expiresAt);
        create("/api/users", body);
    }

    @Test
    void proxiesTheWholeFileWithoutRevealingTheUpstream() {
        byte[] body = given().get("/movie/" + user + "/" + PASSWORD + "/" + movie + ".mp4").then().statusCode(200)
                .header("Content-Length", "1000").header("Accept-Ranges", "bytes").header("Content-Type", "video/mp4")
                .header("Server", nullValue()).header("X-Upstream-Token", nullValue())
                .extract().asByteArray();
        assertThat(body).isEqualTo(FileUpstream.content());
    }

    @Test
    void forwardsRangeForSeeking() {
        byte[] body = given().header("Range", "bytes=10-19")
                .get("/movie/" + user + "/" + PASSWORD + "/" + movie + ".mp4").then().statusCode(206)
                .header("Content-Range", "bytes 10-19/1000").header("Content-Length", "10")
                .extract().asByteArray();
        assertThat(body).isEqualTo(Arrays.copyOfRange(FileUpstream.content(), 10, 20));
    }

    @Test
    void answersHeadProbesWithTheLength() {
        given().head("/movie/" + user + "/" + PASSWORD + "/" + movie + ".mp4").then().statusCode(200)
                .header("Content-Length", "1000").body(emptyString());
    }

    @Test
    void episodesFollowUpstreamRedirectsAndAnyExtension() {
        byte[] body = given().get("/series/" + user + "/" + PASSWORD + "/" + episode + ".mkv").then().statusCode(200)
                .header("Location", nullValue()).extract().asByteArray();
        assertThat(body).isEqualTo(FileUpstream.content());
        given().get("/series/" + user + "/" + PASSWORD + "/" + episode).then().statusCode(200);
    }

    @Test
    void refusesBeforeTouchingTheUpstream() throws Exception {
        int before = upstream.requests.get();
        given().get("/movie/" + user + "/wrong/" + movie + ".mp4").then().statusCode(401);
        given().get("/movie/nobody/" + PASSWORD + "/" + movie + ".mp4").then().statusCode(401);
        given().head("/movie/nobody/" + PASSWORD + "/" + movie + ".mp4").then().statusCode(401);
        given().get("/movie/" + expired + "/" + PASSWORD + "/" + movie + ".mp4").then().statusCode(403);
        given().get("/movie/" + restricted.get("user") + "/" + XtreamFixtures.PASSWORD + "/" + movie + ".mp4")
                .then().statusCode(403);
        given().get("/movie/" + user + "/" + PASSWORD + "/999999999.mp4").then().statusCode(404);
        given().get("/movie/" + user + "/" + PASSWORD + "/abc.mp4").then().statusCode(404);
        given().get("/movie/" + user + "/" + PASSWORD + "/" + movie + ".m p4").then().statusCode(404);
        given().get("/series/" + user + "/" + PASSWORD + "/" + movie + "99999.mkv").then().statusCode(404);
        assertThat(rawStatus("/movie/" + user + "/" + PASSWORD + "/../" + movie + ".mp4")).isEqualTo(400);
        assertThat(rawStatus("/movie/" + user + "/%2e%2e/" + PASSWORD + "/" + movie + ".mp4")).isEqualTo(400);
        assertThat(upstream.requests.get()).isEqualTo(before);
    }

    @Test
    void upstreamNotFoundIsNotFound() {
        given().get("/movie/" + user + "/" + PASSWORD + "/" + missingMovie + ".mp4").then().statusCode(404);
    }

    @Test
    void legacyQueryForms() {
        given().redirects().follow(false).queryParam("username", user).queryParam("password", PASSWORD)
                .queryParam("stream", channel).queryParam("extension", "m3u8")
                .get("/streaming/clients_live.php").then().statusCode(302)
                .header("Location", equalTo("/live/" + user + "/" + PASSWORD + "/" + channel + ".m3u8"));
        given().redirects().follow(false).queryParam("username", user).queryParam("password", "bad")
                .queryParam("stream", channel).get("/streaming/clients_live.php").then().statusCode(401);
        given().redirects().follow(false).queryParam("username", user).queryParam("password", PASSWORD)
                .queryParam("stream", "x").get("/streaming/clients_live.php").then().statusCode(404);
        byte[] body = given().queryParam("username", user).queryParam("password", PASSWORD)
                .queryParam("stream", movie).queryParam("extension", "mp4")
                .get("/streaming/clients_movie.php").then().statusCode(200).extract().asByteArray();
        assertThat(body).isEqualTo(FileUpstream.content());
        given().queryParam("username", user).queryParam("password", PASSWORD).queryParam("stream", episode)
                .head("/streaming/clients_series.php").then().statusCode(200).header("Content-Length", "1000");
    }

    /** Sends the path byte for byte: HTTP client libraries normalise dot segments away. */
    private static int rawStatus(String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }
}
