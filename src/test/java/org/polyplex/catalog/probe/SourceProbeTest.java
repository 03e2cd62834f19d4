package org.polyplex.catalog.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.polyplex.testsupport.TestConfigs;
import org.polyplex.testsupport.TsFixtures;
import org.polyplex.testsupport.TsServer;

import io.vertx.core.Vertx;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The source test against a local upstream, with the real ffprobe. */
class SourceProbeTest {

    private static Vertx vertx;
    private static TsServer upstream;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        upstream = new TsServer(vertx, 4_000_000).stream("a", TsFixtures.read(TsFixtures.h264(4, 400))).start();
    }

    @AfterAll
    static void stop() throws Exception {
        upstream.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldReportTheContainerAndCodecsOfAPlayingSource() {
        ProbeReport report = probe(Duration.ofSeconds(20)).probe(upstream.url("/live/a"));
        assertThat(report.error()).isNull();
        assertThat(report.reachable()).isTrue();
        assertThat(report.container()).isEqualTo("mpegts");
        assertThat(report.videoCodec()).isEqualTo("h264");
        assertThat(report.resolution()).isEqualTo("320×240");
        assertThat(report.audioCodec()).isEqualTo("aac");
    }

    @Test
    void shouldReportAnHttpErrorWithoutTheCredentialsOfTheUrl() {
        String url = upstream.url("/error") + "?username=alice&password=s3cret-pass";
        ProbeReport report = probe(Duration.ofSeconds(10)).probe(url);
        assertThat(report.reachable()).isFalse();
        assertThat(report.error()).contains("5XX Server Error").doesNotContain("s3cret-pass").doesNotContain("alice");
        assertThat(report.url()).doesNotContain("s3cret-pass");
    }

    @Test
    void shouldEndASourceThatSendsNothingAtTheTimeout() {
        long start = System.nanoTime();
        ProbeReport report = probe(Duration.ofSeconds(2)).probe(upstream.url("/stall"));
        assertThat(report.reachable()).isFalse();
        assertThat(report.error()).isNotBlank();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void shouldRefuseAnAceStreamSourceAndReportAMissingFfprobe() {
        assertThat(probe(Duration.ofSeconds(2)).probe("acestream://" + "a".repeat(40)).error())
                .contains("only http(s) sources");
        SourceProbe missing = new SourceProbe(config("/nonexistent/ffprobe", Duration.ofSeconds(2), 1));
        assertThat(missing.probe(upstream.url("/live/a")).error()).contains("ffprobe could not be started");
    }

    private static SourceProbe probe(Duration timeout) {
        String ffprobe = Files.isExecutable(Path.of("/usr/bin/ffprobe")) ? "/usr/bin/ffprobe" : "ffprobe";
        return new SourceProbe(config(ffprobe, timeout, 2));
    }

    private static ProbeConfig config(String ffprobe, Duration timeout, int maxRunning) {
        return TestConfigs.of(ProbeConfig.class, Map.of("polyplex.probe.ffprobe", ffprobe, "polyplex.probe.timeout",
                timeout.toString(), "polyplex.probe.max-running", Integer.toString(maxRunning)));
    }
}
