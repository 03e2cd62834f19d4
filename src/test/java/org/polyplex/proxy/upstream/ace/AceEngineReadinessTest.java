package org.polyplex.proxy.upstream.ace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.polyplex.proxy.ProxyHarness;
import org.polyplex.testsupport.FakeAceEngine;
import org.polyplex.testsupport.TestConfigs;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Readiness from the engine's version call, only when AceStream sources exist. */
class AceEngineReadinessTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        ProxyHarness.join(vertx.close());
    }

    private AceEngineReadiness readiness(String engineUrl, boolean needed) {
        // Generous request timeout: the first JSON answer of a cold JVM on a busy machine can take a while.
        AceStreamConfig config = TestConfigs.of(AceStreamConfig.class, Map.of("polyplex.acestream.engine-url", engineUrl,
                "polyplex.acestream.request-timeout", "8s", "polyplex.acestream.max-answer-bytes", "4096",
                "polyplex.acestream.prebuf-max", "1s", "polyplex.acestream.no-peers-max", "1s",
                "polyplex.acestream.livepos-stall-max", "1s"));
        AceStreamEngine engine = new AceStreamEngine(vertx, vertx.createHttpClient(new HttpClientOptions()), config);
        return new AceEngineReadiness(() -> needed, engine::version);
    }

    private static HealthCheckResponse call(AceEngineReadiness check) {
        return check.call().await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void upWithTheEngineVersion() {
        FakeAceEngine engine = new FakeAceEngine(vertx, 1_000_000).start();
        HealthCheckResponse response = call(readiness(engine.url(), true));
        assertThat(response.getStatus()).as(String.valueOf(response.getData())).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData().orElseThrow()).containsEntry("version", "3.2.3-fake");
        assertThat(engine.versionRequests()).isEqualTo(1);
    }

    @Test
    void downWhenNeededAndTheEngineIsUnreachable() {
        HealthCheckResponse response = call(readiness("http://127.0.0.1:1", true));
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData().orElseThrow().get("error").toString()).contains("connection failed");
    }

    @Test
    void upWithoutAskingWhenNoAceStreamSourceExists() {
        FakeAceEngine engine = new FakeAceEngine(vertx, 1_000_000).start();
        HealthCheckResponse response = call(readiness(engine.url(), false));
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(engine.versionRequests()).isZero();
    }
}
