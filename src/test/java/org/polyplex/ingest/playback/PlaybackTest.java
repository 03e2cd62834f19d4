package org.polyplex.ingest.playback;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.unique;

import java.util.Map;

import jakarta.inject.Inject;

import org.polyplex.ingest.generation.GenerationRef;
import org.polyplex.ingest.generation.Generations;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * {@code /api/streams/{id}/playback}: the live generation's playlist behind a token, within the
 * stream's visibility, never a password in what it answers.
 */
@QuarkusTest
class PlaybackTest {

    private static final String PASSWORD = "s3cret-pw";

    @Inject
    Generations generations;

    @Test
    void shouldAnswerIdleStartingThenLiveWithATokenUrl() {
        long stream = stream("public");
        given().when().get("/api/streams/" + stream + "/playback").then().statusCode(200)
                .header("Cache-Control", "no-store").body("state", equalTo("idle")).body("url", nullValue());

        GenerationRef generation = generations.begin(stream);
        given().when().get("/api/streams/" + stream + "/playback").then().statusCode(200)
                .body("state", equalTo("starting")).body("generationId", equalTo((int) generation.generationId()))
                .body("url", nullValue());

        generations.markLive(generation.generationId());
        String url = given().when().get("/api/streams/" + stream + "/playback").then().statusCode(200)
                .body("state", equalTo("live"))
                .body("url", containsString("/streams/" + stream + "/" + generation.generationId() + "/"))
                .extract().jsonPath().getString("url");
        assertThat(url).matches("http://[^/]+/streams/\\d+/\\d+/[0-9a-z]+-[A-Za-z0-9_-]{22}/index\\.m3u8");

        String path = url.replaceFirst("^http://[^/]+", "");
        given().when().get(path).then().statusCode(404).header("Cache-Control", "no-store");
        given().when().get(path.replaceFirst("/[0-9a-z]+-[A-Za-z0-9_-]{22}/", "/0-AAAAAAAAAAAAAAAAAAAAAA/")).then()
                .statusCode(403);
        generations.end(generation.generationId(), "test over");
    }

    @Test
    void shouldLetOnlyLinesThatMayWatchIntoASubscribersStream() {
        long stream = stream("subscribers");
        String user = unique("line");
        create("/api/users", Map.of("username", user, "password", PASSWORD, "maxConnections", 1));
        String expired = unique("line");
        create("/api/users", Map.of("username", expired, "password", PASSWORD, "expiresAt", "2020-01-01T00:00:00Z"));

        given().when().get("/api/streams/" + stream + "/playback").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Basic"));
        given().auth().preemptive().basic(user, "wrong").when().get("/api/streams/" + stream + "/playback").then()
                .statusCode(401);
        given().auth().preemptive().basic(expired, PASSWORD).when().get("/api/streams/" + stream + "/playback")
                .then().statusCode(403);
        ExtractableResponse<Response> ok = given().auth().preemptive().basic(user, PASSWORD).when()
                .get("/api/streams/" + stream + "/playback").then().statusCode(200).extract();
        assertThat(ok.asString()).doesNotContain(PASSWORD);
        given().queryParam("username", user).queryParam("password", PASSWORD).when()
                .get("/api/streams/" + stream + "/playback").then().statusCode(200);
        asAdmin().when().get("/api/streams/" + stream + "/playback").then().statusCode(200);
    }

    @Test
    void shouldKeepAPrivateStreamToAdmins() {
        long stream = stream("private");
        String user = unique("line");
        create("/api/users", Map.of("username", user, "password", PASSWORD, "maxConnections", 1));

        given().auth().preemptive().basic(user, PASSWORD).when().get("/api/streams/" + stream + "/playback").then()
                .statusCode(403);
        given().when().get("/api/streams/" + stream + "/playback").then().statusCode(403);
        asAdmin().when().get("/api/streams/" + stream + "/playback").then().statusCode(200)
                .body("state", equalTo("idle"));
    }

    @Test
    void shouldAnswer404ForAnUnknownStream() {
        given().when().get("/api/streams/987654321/playback").then().statusCode(404);
    }

    private static long stream(String visibility) {
        return create("/api/streams", Map.of("name", unique("stream"), "visibility", visibility));
    }
}
