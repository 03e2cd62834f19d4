package org.polyplex.restream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.createChannel;
import static org.polyplex.testsupport.AdminApi.unique;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.polyplex.restream.destination.Destination;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * The REST surface of destinations, restreams and encoders: admin only, write-only keys stored
 * encrypted, problem JSON for bad input (400 invalid, 404 unknown, 409 conflict, 422 a reference
 * to something that does not exist), and the encoder probe finding libx264 on a machine without
 * GPUs.
 */
@QuarkusTest
class RestreamApiTest {

    private static final String KEY = "live_" + "9hQ2mR7tXk".repeat(2);

    private static Map<String, Object> body(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void shouldStoreThePresetAndAnEncryptedKeyThatIsNeverAnswered() {
        String name = unique("Twitch");
        String created = asAdmin().body(body("name", name, "preset", "twitch", "streamKey", KEY))
                .post("/api/destinations").then().statusCode(201).body("preset", equalTo("twitch"))
                .body("url", equalTo("rtmp://live.twitch.tv/app")).body("urlOverride", equalTo(false))
                .body("hasStreamKey", equalTo(true)).body("lastUsed", nullValue()).body("$", not(hasKey("streamKey")))
                .extract().asString();
        long id = JsonPath.from(created).getLong("id");
        String stored = QuarkusTransaction.requiringNew().call(() -> Destination.<Destination> findById(id).streamKey);
        assertThat(stored).startsWith("v1:").doesNotContain(KEY);

        // a replace without a key keeps it; with another URL it becomes an override
        String replaced = asAdmin()
                .body(body("name", name, "preset", "twitch", "url", "rtmp://fra05.contribute.live-video.net/app"))
                .put("/api/destinations/" + id).then().statusCode(200).body("hasStreamKey", equalTo(true))
                .body("urlOverride", equalTo(true)).extract().asString();
        String list = asAdmin().get("/api/destinations?q=" + name).then().statusCode(200).extract().asString();
        assertThat(created + replaced + list).doesNotContain(KEY);
        asAdmin().delete("/api/destinations/" + id).then().statusCode(204);
        asAdmin().get("/api/destinations/" + id).then().statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void shouldAnswerProblemJsonForBadDestinations() {
        asAdmin().body(body("name", unique("d"), "preset", "custom", "url", "http://h.example/app", "streamKey", "k"))
                .post("/api/destinations").then().statusCode(400).body("code", equalTo("validation_failed"))
                .body("field", equalTo("url")).body("message", containsString("rtmp://"));
        asAdmin().body(body("name", unique("d"), "preset", "custom", "streamKey", "k")).post("/api/destinations")
                .then().statusCode(400).body("field", equalTo("url"));
        asAdmin().body(body("name", unique("d"), "preset", "youtube")).post("/api/destinations").then()
                .statusCode(400).body("field", equalTo("streamKey"));
        asAdmin().body(body("name", unique("d"), "preset", "myspace", "streamKey", "k")).post("/api/destinations")
                .then().statusCode(400).body("field", equalTo("preset"));
        asAdmin().body(body("preset", "youtube", "streamKey", "k")).post("/api/destinations").then().statusCode(400)
                .body("field", equalTo("name"));
        asAdmin().body(body("name", "x", "preset", "youtube", "streamKey", "has space")).post("/api/destinations")
                .then().statusCode(400).body("field", equalTo("streamKey")).body("message", not(containsString("has space")));
        String name = unique("twice");
        create("/api/destinations", body("name", name, "preset", "kick", "streamKey", "k1"));
        asAdmin().body(body("name", name, "preset", "kick", "streamKey", "k2")).post("/api/destinations").then()
                .statusCode(409).body("field", equalTo("name"));
        asAdmin().get("/api/destinations/999999").then().statusCode(404);
        RestAssured.get("/api/destinations").then().statusCode(401);
    }

    @Test
    void shouldAnswerProblemJsonForBadRestreams() {
        long channel = createChannel("Src", "http://127.0.0.1:9/never");
        long d = create("/api/destinations", body("name", unique("d"), "preset", "youtube", "streamKey", KEY));
        asAdmin().body(body("channelId", channel, "destinations", List.of(Map.of("destinationId", 999999))))
                .post("/api/restreams").then().statusCode(422).body("field", equalTo("destinations"));
        asAdmin().body(body("channelId", 999999, "destinations", List.of(Map.of("destinationId", d))))
                .post("/api/restreams").then().statusCode(422).body("field", equalTo("channelId"));
        asAdmin().body(body("channelId", channel, "destinations", List.of())).post("/api/restreams").then()
                .statusCode(400).body("code", equalTo("validation_failed"));
        asAdmin().body(body("channelId", channel, "destinations",
                List.of(Map.of("destinationId", d), Map.of("destinationId", d)))).post("/api/restreams").then()
                .statusCode(400).body("field", equalTo("destinations"));
        asAdmin().body(body("channelId", channel, "destinations", List.of(Map.of("destinationId", d, "profile", "4k"))))
                .post("/api/restreams").then().statusCode(400).body("message", containsString("profile"));
        asAdmin().get("/api/restreams/999999").then().statusCode(404);
        asAdmin().post("/api/restreams/999999/start").then().statusCode(404);

        long id = create("/api/restreams", body("channelId", channel, "destinations",
                List.of(Map.of("destinationId", d, "profile", "720p", "audio", "silence"))));
        asAdmin().get("/api/restreams/" + id).then().statusCode(200).body("state", equalTo("idle"))
                .body("destinations[0].destinationId", equalTo((int) d)).body("destinations[0].state", equalTo("idle"))
                .body("destinations[0].profile", equalTo("720p"));
        // a destination in use cannot go; the restream can, then the destination too
        asAdmin().delete("/api/destinations/" + d).then().statusCode(409).body("code", equalTo("conflict"));
        asAdmin().delete("/api/restreams/" + id).then().statusCode(204);
        asAdmin().delete("/api/destinations/" + d).then().statusCode(204);
    }

    @Test
    void shouldFindLibx264AsTheWorkingEncoderWithoutGpus() {
        asAdmin().post("/api/encoders/detect").then().statusCode(200).body("selected", equalTo("libx264"))
                .body("h264.find { it.name == 'libx264' }.working", equalTo(true))
                .body("h264.find { it.name == 'h264_nvenc' }.working", equalTo(false))
                .body("h264.find { it.name == 'h264_nvenc' }.reason", not(nullValue()))
                .body("h264.name", equalTo(List.of("h264_nvenc", "h264_qsv", "h264_vaapi", "h264_v4l2m2m",
                        "h264_videotoolbox", "libx264")));
        asAdmin().get("/api/encoders").then().statusCode(200).body("selected", equalTo("libx264"))
                .body("detecting", equalTo(false));
    }
}
