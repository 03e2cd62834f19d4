package org.polyplex.catalog;

import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.polyplex.testsupport.AdminApi.asAdmin;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

/** {@code /api/channels} sources with their stream headers: read, write, keep, clear, refuse. */
@QuarkusTest
class ChannelHeadersApiTest {

    private static Map<String, Object> channel(Map<String, Object> source) {
        return Map.of("name", "Headers API", "sources", List.of(source));
    }

    @Test
    void shouldStoreCanonicalHeadersAndKeepThemWhenAWriteOmitsThem() {
        long id = asAdmin().body(channel(Map.of("url", "http://api-hdr.example/a.ts",
                "headers", Map.of("user-agent", "Player/1", "referrer", "https://site.example/"))))
                .post("/api/channels").then().statusCode(201)
                .body("sources[0].headers.User-Agent", equalTo("Player/1"))
                .body("sources[0].headers.Referer", equalTo("https://site.example/"))
                .extract().jsonPath().getLong("id");

        asAdmin().body(channel(Map.of("url", "http://api-hdr.example/a.ts"))).put("/api/channels/" + id)
                .then().statusCode(200).body("sources[0].headers.User-Agent", equalTo("Player/1"));
        asAdmin().body(channel(Map.of("url", "http://api-hdr.example/a.ts", "headers", Map.of())))
                .put("/api/channels/" + id).then().statusCode(200).body("sources[0].headers", anEmptyMap());
        asAdmin().get("/api/channels/" + id).then().statusCode(200).body("sources[0].headers", anEmptyMap());
    }

    @Test
    void shouldRefuseHeadersTheProxyCannotSendWithAClearMessage() {
        asAdmin().body(channel(Map.of("url", "http://api-hdr.example/b.ts", "headers", Map.of("Host", "evil.example"))))
                .post("/api/channels").then().statusCode(400)
                .body("field", equalTo("sources[0].headers"))
                .body("message", equalTo("sources[0].headers: header 'Host': the proxy sets it itself"));
        asAdmin().body(channel(Map.of("url", "http://api-hdr.example/b.ts",
                "headers", Map.of("User-Agent", "ok\r\nX-Injected: 1"))))
                .post("/api/channels").then().statusCode(400)
                .body("message", containsString("control character"));
        asAdmin().body(channel(Map.of("url", "http://api-hdr.example/b.ts", "headers", Map.of("Bad Name", "v"))))
                .post("/api/channels").then().statusCode(400)
                .body("message", containsString("not a valid HTTP header name"));
        asAdmin().body(channel(Map.of("url", "http://api-hdr.example/b.ts", "headers", Map.of("X-Long", "a".repeat(1025)))))
                .post("/api/channels").then().statusCode(400)
                .body("message", containsString("longer than 1024 characters"));
    }
}
