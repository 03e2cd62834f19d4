package org.polyplex.ingest.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.unique;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import jakarta.inject.Inject;

import org.polyplex.testsupport.LogCapture;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StreamKeysTest {

    @Inject
    StreamKeys keys;

    @Inject
    KeyConfig config;

    @ConfigProperty(name = "polyplex.ingest.key-secret-file")
    String secretFile;

    @ConfigProperty(name = "polyplex.ingest.key-limit.max-failures")
    int maxFailures;

    @Test
    void shouldShowKeyOnceAndNeverAgain() throws Exception {
        long stream = stream();
        String body = asAdmin().body(Map.of("label", "OBS studio")).post("/api/streams/" + stream + "/keys")
                .then().statusCode(201).header("Cache-Control", org.hamcrest.Matchers.containsString("no-store"))
                .body("label", equalTo("OBS studio")).extract().asString();
        String key = io.restassured.path.json.JsonPath.from(body).getString("key");
        long keyId = io.restassured.path.json.JsonPath.from(body).getLong("id");
        assertThat(key).startsWith(StreamKeys.PREFIX).hasSize(46).matches("pk_[A-Za-z0-9_-]{43}");

        String listed = asAdmin().get("/api/streams/" + stream + "/keys").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].id", equalTo((int) keyId)).body("[0].label", equalTo("OBS studio"))
                .body("[0].lastUsedAt", nullValue()).extract().asString();
        String verifier = QuarkusTransaction.requiringNew()
                .call(() -> StreamKey.<StreamKey> findByIdOptional(keyId).map(k -> k.verifier).orElse(null));
        assertThat(listed).doesNotContain(key).doesNotContain(key.substring(3)).doesNotContain("verifier");
        assertThat(verifier).isNotNull().hasSize(64).doesNotContain(key.substring(3));
        assertThat(listed).doesNotContain(verifier);
        assertThat(asAdmin().get("/api/streams/" + stream).then().statusCode(200).extract().asString())
                .doesNotContain(key.substring(3));

        // the secret file exists, owner-only
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(secretFile))))
                .isEqualTo("rw-------");
    }

    @Test
    void shouldVerifyRightKeyAndRefuseWrongOrRevokedKey() {
        long stream = stream();
        String address = unique("198.51.100");
        long keyId = asAdmin().body(Map.of()).post("/api/streams/" + stream + "/keys").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        String key = asAdmin().body(Map.of()).post("/api/streams/" + stream + "/keys").then().statusCode(201)
                .extract().jsonPath().getString("key");
        long otherId = keys.list(stream).get(1).id;

        assertThat(keys.verify(key, address)).isEqualTo(new VerifiedKey(stream, otherId));
        asAdmin().get("/api/streams/" + stream + "/keys").then()
                .body("find { it.id == " + otherId + " }.lastUsedAt", org.hamcrest.Matchers.notNullValue())
                .body("find { it.id == " + keyId + " }.lastUsedAt", nullValue());
        assertThat(keys.verify(key.substring(0, 45) + (key.endsWith("A") ? "B" : "A"), address))
                .isInstanceOf(KeyCheck.BadKey.class);
        assertThat(keys.verify("", address)).isInstanceOf(KeyCheck.BadKey.class);
        assertThat(keys.verify(null, address)).isInstanceOf(KeyCheck.BadKey.class);
        assertThat(keys.verify(key + "x".repeat(10_000), address).verified()).isEmpty();

        asAdmin().delete("/api/streams/" + stream + "/keys/" + otherId).then().statusCode(204);
        assertThat(keys.verify(key, unique("198.51.101"))).isInstanceOf(KeyCheck.BadKey.class);
        asAdmin().get("/api/streams/" + stream + "/keys").then().body("$", hasSize(1))
                .body("[0].id", equalTo((int) keyId));
        asAdmin().delete("/api/streams/" + stream + "/keys/" + otherId).then().statusCode(404);
        // a key of another stream cannot be revoked through this one
        asAdmin().delete("/api/streams/" + stream() + "/keys/" + keyId).then().statusCode(404);
    }

    @Test
    void shouldLimitKeysPerStream() {
        long stream = stream();
        for (int i = 0; i < config.maxKeysPerStream(); i++) {
            asAdmin().body(Map.of("label", "k" + i)).post("/api/streams/" + stream + "/keys").then().statusCode(201);
        }
        asAdmin().body(Map.of()).post("/api/streams/" + stream + "/keys").then().statusCode(409)
                .body("field", equalTo("keys"));
        long first = keys.list(stream).get(0).id;
        asAdmin().delete("/api/streams/" + stream + "/keys/" + first).then().statusCode(204);
        asAdmin().body(Map.of()).post("/api/streams/" + stream + "/keys").then().statusCode(201);
        asAdmin().body(Map.of("label", "x".repeat(101))).post("/api/streams/" + stream + "/keys").then()
                .statusCode(400).body("field", equalTo("label"));
    }

    @Test
    void shouldRefuseAddressThatFailedTooOftenEvenWithRightKey() {
        long stream = stream();
        String key = asAdmin().body(Map.of()).post("/api/streams/" + stream + "/keys").then().statusCode(201)
                .extract().jsonPath().getString("key");
        String attacker = unique("203.0.113");
        for (int i = 0; i < maxFailures; i++) {
            assertThat(keys.verify("pk_" + "A".repeat(43), attacker)).isInstanceOf(KeyCheck.BadKey.class);
        }
        assertThat(keys.verify(key, attacker)).isInstanceOf(KeyCheck.Limited.class);
        // another address is not affected
        assertThat(keys.verify(key, unique("203.0.114")).verified()).isPresent();
    }

    @Test
    void shouldNeverLogTheKey() {
        long stream = stream();
        String key;
        try (LogCapture logs = LogCapture.start()) {
            key = asAdmin().body(Map.of("label", "cam")).post("/api/streams/" + stream + "/keys").then()
                    .statusCode(201).extract().jsonPath().getString("key");
            String address = unique("192.0.2");
            keys.verify(key, address);
            keys.verify(key.substring(0, 40) + "zzz", address);
            for (int i = 0; i < maxFailures + 2; i++) {
                keys.verify(key + i, address);
            }
            keys.verify(key, address);
            asAdmin().get("/api/streams/" + stream + "/keys").then().statusCode(200);
            assertThat(logs.text()).doesNotContain(key.substring(3, 40));
        }
    }

    private static long stream() {
        return create("/api/streams", Map.of("name", unique("Keyed"), "visibility", "public"));
    }
}
