package org.polyplex.proxy.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.polyplex.proxy.ProxyHarness;
import org.polyplex.proxy.Responses;
import org.polyplex.proxy.session.SessionKey;
import org.polyplex.proxy.upstream.UpstreamFactory;
import org.polyplex.proxy.viewer.Viewer;
import org.polyplex.testsupport.LogCapture;
import org.polyplex.testsupport.TsFixtures;
import org.polyplex.testsupport.TsServer;

import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Output profiles through the real session machinery and a real ffmpeg: viewers of one channel
 * and profile share one transcoder, its output decodes at the profile's size, it stops when the
 * last viewer has gone (after the linger), and a killed ffmpeg is restarted within its bounds. A
 * tiny profile (160x120, ultrafast) keeps the CPU low.
 */
class ProfileSessionsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TINY = "-map 0:v:0 -map 0:a:0? -vf scale=-2:120 -c:v libx264 -preset ultrafast"
            + " -tune zerolatency -b:v 150k -force_key_frames expr:gte(t,n_forced*1) -sc_threshold 0 -c:a aac -b:a 48k";

    private ProxyHarness proxy;
    private ProfileSessions profiles;
    private TsServer upstream;
    private HttpServer front;
    private final List<HttpResponse<InputStream>> streams = new ArrayList<>();

    @BeforeEach
    void start() {
        start(Map.of());
    }

    private void start(Map<String, String> more) {
        if (proxy != null) {
            proxy.close();
        }
        Map<String, String> config = new HashMap<>();
        config.put("polyplex.proxy.session.linger", "300ms");
        config.put("polyplex.profiles.custom.tiny.args", TINY);
        config.put("polyplex.profiles.custom.tiny2.args", TINY.replace("150k", "100k"));
        // valid arguments that ffmpeg refuses: it exits at once
        config.put("polyplex.profiles.custom.broken.args", "-c:v nosuchencoder");
        config.put("polyplex.profiles.stop-grace", "1s");
        config.putAll(more);
        proxy = new ProxyHarness(config, List.of(ProfilesConfig.class), (client, h) -> {
            ProfilesConfig profilesConfig = h.config(ProfilesConfig.class);
            profiles = new ProfileSessions(h.vertx, Profiles.of(profilesConfig.custom()), profilesConfig,
                    () -> h.registry, System::nanoTime);
            return UpstreamFactory.of(client, h.proxyConfig(), null, null, List.of(profiles.kind()));
        });
        // about the fixture's own rate, as a live source sends it
        upstream = new TsServer(proxy.vertx, 900_000).stream("a", TsFixtures.read(TsFixtures.h264(6, 600))).start();
        proxy.channel(5, upstream.url("/live/a"));
        front = ProxyHarness.join(proxy.vertx.createHttpServer().requestHandler(this::join).listen(0, "127.0.0.1"));
    }

    /** {@code GET /{channel}/{profile}}: a TS viewer of the channel through the profile, as the stream route joins it. */
    private void join(HttpServerRequest request) {
        String[] parts = request.path().split("/");
        long channelId = Long.parseLong(parts[1]);
        OutputProfile profile = profiles.find(parts[2]).orElseThrow();
        var channel = profiles.channel(proxy.channel(channelId, upstream.url("/live/a")), profile);
        Viewer viewer = new Viewer(proxy.registry.nextId(), request, 1, "user1", "127.0.0.1", channelId, Instant.now(),
                () -> {
                });
        proxy.registry.join(profiles.key(channel, profile), channel, viewer,
                Responses.stream(request.response(), proxy.metrics));
    }

    @AfterEach
    void stop() {
        streams.forEach(ProxyHarness::closeStream);
        if (proxy != null) {
            proxy.close();
        }
        transcoders().forEach(ProcessHandle::destroyForcibly);
    }

    private HttpResponse<InputStream> play(String path) {
        HttpResponse<InputStream> stream = ProxyHarness.play("http://127.0.0.1:" + front.actualPort(), path);
        streams.add(stream);
        return stream;
    }

    /** This JVM's ffmpeg children that run the tiny profile. */
    private static List<ProcessHandle> transcoders() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("scale=-2:120"))
                .filter(ProcessHandle::isAlive).toList();
    }

    @Test
    void shouldShareOneFfmpegBetweenTwoViewersOfOneProfile() throws Exception {
        HttpResponse<InputStream> first = play("/5/tiny");
        HttpResponse<InputStream> second = play("/5/tiny");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        byte[] one = ProxyHarness.read(first, 120_000);
        byte[] two = ProxyHarness.read(second, 120_000);

        assertThat(transcoders()).hasSize(1);
        assertThat(profiles.transcoders()).isEqualTo(1);
        // the channel's own session feeds the profile's: two sessions, one upstream connection
        assertThat(proxy.sessions()).isEqualTo(2);
        assertThat(upstream.active()).isEqualTo(1);
        assertThat(dimensions(one)).isEqualTo("160x120");
        assertThat(dimensions(two)).isEqualTo("160x120");
        assertThat(TsFixtures.decodeErrors(file(TsFixtures.wholeFrames(one)))).isEmpty();
    }

    @Test
    void shouldStopTheFfmpegOnceTheLastViewerLeftAndTheLingerIsOver() {
        HttpResponse<InputStream> first = play("/5/tiny");
        HttpResponse<InputStream> second = play("/5/tiny");
        ProxyHarness.read(first, 20_000);
        ProxyHarness.read(second, 20_000);
        assertThat(transcoders()).hasSize(1);

        ProxyHarness.closeStream(first);
        ProxyHarness.Reading still = ProxyHarness.reading(second);
        still.awaitMore(10_000, WAIT);
        assertThat(transcoders()).as("one viewer left, the other still watches").hasSize(1);

        still.close();
        proxy.await("the transcoder gone", WAIT, () -> transcoders().isEmpty() && profiles.transcoders() == 0);
        proxy.await("both sessions closed", WAIT, () -> proxy.sessions() == 0);
    }

    @Test
    void shouldRestartAKilledFfmpegWithoutEndingItsViewers() {
        ProxyHarness.Reading viewer = ProxyHarness.reading(play("/5/tiny"));
        viewer.awaitMore(20_000, WAIT);
        ProcessHandle killed = transcoders().get(0);
        killed.destroyForcibly();

        proxy.await("a new transcoder", WAIT,
                () -> transcoders().size() == 1 && transcoders().get(0).pid() != killed.pid());
        viewer.awaitMore(20_000, WAIT);
        assertThat(viewer.ended()).isFalse();
        assertThat(transcoders()).hasSize(1);
    }

    @Test
    void shouldRunNoMoreTranscodersThanTheNodeAllows() {
        start(Map.of("polyplex.profiles.max-processes", "1"));
        ProxyHarness.Reading viewer = ProxyHarness.reading(play("/5/tiny"));
        viewer.awaitMore(10_000, WAIT);
        var channel = proxy.channel(5, upstream.url("/live/a"));

        assertThat(profiles.hasRoom(channel, profiles.find("tiny").orElseThrow())).as("the running pair").isTrue();
        assertThat(profiles.hasRoom(channel, profiles.find("tiny2").orElseThrow())).as("a new pair").isFalse();
        assertThat(profiles.hasRoom(channel, profiles.find("passthrough").orElseThrow())).isTrue();
        viewer.close();
        proxy.await("the transcoder gone", WAIT, () -> profiles.transcoders() == 0);
        assertThat(profiles.hasRoom(channel, profiles.find("tiny2").orElseThrow())).isTrue();
    }

    @Test
    void shouldCountTheChannelsOwnSessionThatANewProfileSessionNeeds() {
        start(Map.of("polyplex.proxy.session.max-sessions", "2"));
        SessionKey own = SessionKey.of(5);
        SessionKey tiny = SessionKey.of(5, "tiny");
        assertThat(proxy.registry.atCapacity(tiny)).as("two sessions free: the profile's and the channel's").isFalse();
        ProxyHarness.Reading viewer = ProxyHarness.reading(play("/5/passthrough"));
        viewer.awaitMore(10_000, WAIT);
        proxy.channel(6, upstream.url("/live/a"));
        ProxyHarness.Reading other = ProxyHarness.reading(play("/6/passthrough"));
        other.awaitMore(10_000, WAIT);
        assertThat(proxy.registry.atCapacity(own)).as("running already").isFalse();
        assertThat(proxy.registry.atCapacity(tiny)).as("no room for the profile's session").isTrue();
        other.close();
        proxy.await("one session left", WAIT, () -> proxy.registry.sessionCount() == 1);
        assertThat(proxy.registry.atCapacity(tiny)).as("the channel's own session runs: one more is enough").isFalse();
        assertThat(proxy.registry.atCapacity(SessionKey.of(6, "tiny"))).as("channel 6 would need two").isTrue();
        viewer.close();
    }

    @Test
    void shouldReportAFailingFfmpegWithItsStderrAndRestartItOnlyWithinItsBound() {
        start(Map.of("polyplex.profiles.restart.max-starts", "2", "polyplex.proxy.failover.backoff-initial", "50ms",
                "polyplex.proxy.failover.backoff-max", "50ms"));
        try (LogCapture logs = LogCapture.start()) {
            HttpResponse<InputStream> stream = play("/5/broken");
            proxy.await("two failed starts, then the bound", WAIT,
                    () -> logs.text().contains("started 2 times within"));
            assertThat(logs.text()).contains("ffmpeg exited with code").contains("nosuchencoder");
            long starts = logs.lines().stream().filter(l -> l.contains("transcoder channel5-broken started")).count();
            assertThat(starts).isEqualTo(2);
            ProxyHarness.closeStream(stream);
        }
        proxy.await("no transcoder left", WAIT, () -> profiles.transcoders() == 0);
    }

    @Test
    void shouldKnowOnlyItsProfilesAsSources() {
        assertThat(profiles.kind().supports("profile://tiny/5")).isTrue();
        assertThat(profiles.kind().supports("profile://nope/5")).isFalse();
        assertThat(profiles.kind().supports("profile://passthrough/5")).as("passthrough runs no ffmpeg").isFalse();
        assertThat(profiles.kind().supports("profile://TINY/5")).isFalse();
        assertThat(profiles.find("720p-2500k")).isPresent();
    }

    private static Path file(byte[] bytes) throws IOException {
        Path file = Files.createTempFile("profile", ".ts");
        file.toFile().deleteOnExit();
        Files.write(file, bytes);
        return file;
    }

    /** ffprobe's {@code WIDTHxHEIGHT} of the capture's first video stream. */
    private static String dimensions(byte[] capture) throws Exception {
        Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                "stream=width,height", "-of", "csv=s=x:p=0", file(capture).toString()).redirectErrorStream(true).start();
        // one line per program the stream is in
        String out = new String(probe.getInputStream().readAllBytes()).strip().lines().findFirst().orElse("");
        assertThat(probe.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
