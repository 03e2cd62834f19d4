package org.polyplex.ingest.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polyplex.ingest.rtmp.RtmpServerFixture.eventually;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.polyplex.ingest.flv.FlvMuxer;
import org.polyplex.ingest.publish.PublishSink;
import org.polyplex.ingest.rtmp.RecordingSink.Message;
import org.polyplex.testsupport.LogCapture;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real ffmpeg publishes to the server; the sink's messages make a decodable FLV. */
class RtmpPublishTest {

    private Vertx vertx;
    private TestGate gate;
    private RtmpServer server;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        gate = new TestGate();
        server = new RtmpServer(vertx, TestRtmpConfig.defaults(), gate);
        server.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private String url(String key) {
        return "rtmp://127.0.0.1:" + server.port() + "/live/" + key;
    }

    @Test
    void shouldHandMetadataSequenceHeadersAndMediaToTheSinkWhenFfmpegPublishes() throws Exception {
        try (LogCapture logs = LogCapture.start()) {
            Process ffmpeg = Ffmpeg.publish(url(TestGate.KEY + "?token=abc"), 4, dir.resolve("ffmpeg.log"));
            assertThat(Ffmpeg.exit(ffmpeg, 60)).as(Files.readString(dir.resolve("ffmpeg.log"))).isZero();
            assertThat(eventually(10_000, () -> logs.text().contains("ended: unpublished"))).isTrue();
            assertThat(logs.text()).contains("RTMP publish started from 127.0.0.1").doesNotContain(TestGate.KEY)
                    .doesNotContain("token");
        }
        assertThat(gate.requests.get(0).query()).isEqualTo("token=abc");

        assertThat(gate.sinks).hasSize(1);
        RecordingSink sink = gate.sinks.get(0);
        assertThat(sink.closed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sink.closedCount.get()).isEqualTo(1);
        assertThat(gate.requests.get(0).app()).isEqualTo("live");

        List<Message> data = sink.of(PublishSink.DATA);
        assertThat(data).isNotEmpty();
        assertThat(data.get(0).body().getString(3, 13)).isEqualTo("onMetaData");
        List<Message> video = sink.of(PublishSink.VIDEO);
        List<Message> audio = sink.of(PublishSink.AUDIO);
        assertThat(FlvMuxer.videoSequenceHeader(video.get(0).body())).isTrue();
        assertThat((int) video.get(0).body().getUnsignedByte(0)).isEqualTo(0x17);
        assertThat(FlvMuxer.audioSequenceHeader(audio.get(0).body())).isTrue();
        assertThat(video).hasSizeGreaterThan(90);
        assertThat(audio).hasSizeGreaterThan(150);
        assertMonotonic(video);
        assertMonotonic(audio);
        assertThat(video.get(video.size() - 1).timestamp()).isBetween(3500L, 4500L);

        Path whole = dir.resolve("whole.flv");
        FlvMuxer muxer = write(whole, sink.messages, 0);
        assertThat(Ffmpeg.streams(whole, dir.resolve("probe.log"))).containsExactly("aac", "h264,640");
        Ffmpeg.Result decoded = Ffmpeg.run(dir.resolve("decode.log"), "ffmpeg", "-v", "error", "-i",
                whole.toString(), "-f", "null", "-");
        assertThat(decoded.code()).as(decoded.output()).isZero();
        assertThat(decoded.output()).isBlank();

        // A consumer that starts late gets the cached metadata and sequence headers first.
        int keyframe = sink.messages.indexOf(video.stream().skip(video.size() / 2)
                .filter(m -> m.body().getUnsignedByte(0) == 0x17).findFirst().orElseThrow());
        Path late = dir.resolve("late.flv");
        try (OutputStream out = Files.newOutputStream(late)) {
            out.write(muxer.header().getBytes());
            for (Message m : sink.messages.subList(keyframe, sink.messages.size())) {
                out.write(new FlvMuxer().tag(m.type(), m.timestamp(), m.body()).getBytes());
            }
        }
        assertThat(Ffmpeg.streams(late, dir.resolve("probe-late.log"))).containsExactly("aac", "h264,640");
    }

    @Test
    void shouldServeSeveralPublishersAtOnce() throws Exception {
        List<Process> publishers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            publishers.add(Ffmpeg.publish(url(TestGate.KEY), 3, dir.resolve("ffmpeg-" + i + ".log")));
        }
        for (int i = 0; i < publishers.size(); i++) {
            assertThat(Ffmpeg.exit(publishers.get(i), 60)).as(Files.readString(dir.resolve("ffmpeg-" + i + ".log")))
                    .isZero();
        }
        assertThat(gate.sinks).hasSize(3);
        for (RecordingSink sink : gate.sinks) {
            assertThat(sink.closed.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(sink.closedCount.get()).isEqualTo(1);
            assertThat(sink.of(PublishSink.VIDEO)).hasSizeGreaterThan(60);
            assertMonotonic(sink.of(PublishSink.VIDEO));
        }
        assertThat(gate.sinks.stream().map(sink -> sink.thread).distinct())
                .as("connections are spread over the server's two event loops").hasSize(2);
    }

    @Test
    void shouldRefuseBeforeAnyMediaWhenTheKeyIsWrong() throws Exception {
        try (LogCapture logs = LogCapture.start()) {
            Process ffmpeg = Ffmpeg.publish(url("wrong-key"), 2, dir.resolve("ffmpeg.log"));
            assertThat(Ffmpeg.exit(ffmpeg, 60)).isNotZero();
            assertThat(logs.text()).contains("RTMP publish refused from 127.0.0.1").doesNotContain("wrong-key");
        }
        assertThat(gate.requests).hasSize(1);
        assertThat(gate.sinks).isEmpty();
        assertThat(server.stats().refusedPublishes()).isEqualTo(1);
        assertThat(server.stats().publishes()).isZero();
    }

    @Test
    void shouldAcceptAPublishOverRtmpsWhenACertificateIsConfigured() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Ffmpeg.Result made = Ffmpeg.run(dir.resolve("openssl.log"), "openssl", "req", "-x509", "-newkey", "rsa:2048",
                "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days", "1", "-subj", "/CN=localhost");
        assertThat(made.code()).as(made.output()).isZero();
        TestGate tlsGate = new TestGate();
        try (RtmpServerFixture tls = new RtmpServerFixture(
                TestRtmpConfig.defaults().withTls(cert.toString(), key.toString()), tlsGate)) {
            assertThat(tls.server.tlsPort()).isPositive();
            Process ffmpeg = Ffmpeg.publish("rtmps://127.0.0.1:" + tls.server.tlsPort() + "/live/" + TestGate.KEY, 2,
                    dir.resolve("ffmpeg-tls.log"));
            assertThat(Ffmpeg.exit(ffmpeg, 60)).as(Files.readString(dir.resolve("ffmpeg-tls.log"))).isZero();
            assertThat(tlsGate.sinks).singleElement()
                    .satisfies(sink -> assertThat(sink.of(PublishSink.VIDEO)).hasSizeGreaterThan(40));
        }
    }

    /**
     * ffmpeg checks the server's digest and S2 signature when it plays (not when it publishes), so
     * a play attempt proves the digest answer: it gets past the handshake and is refused after.
     */
    @Test
    void shouldAnswerTheDigestHandshakeSoThatFfmpegValidatesIt() throws Exception {
        Ffmpeg.Result play = Ffmpeg.run(dir.resolve("play.log"), "ffmpeg", "-hide_banner", "-v", "debug", "-i",
                url("any"), "-t", "1", "-f", "null", "-");
        assertThat(play.code()).isNotZero();
        assertThat(play.output()).doesNotContain("validating failed").doesNotContain("Signature mismatch");
        assertThat(eventually(5000, () -> server.stats().protocolErrors() == 1)).isTrue();
    }

    private static void assertMonotonic(List<Message> messages) {
        for (int i = 1; i < messages.size(); i++) {
            assertThat(messages.get(i).timestamp()).isGreaterThanOrEqualTo(messages.get(i - 1).timestamp());
        }
    }

    private static FlvMuxer write(Path file, List<Message> messages, int from) throws IOException {
        FlvMuxer muxer = new FlvMuxer();
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(muxer.header().getBytes());
            for (Message m : messages.subList(from, messages.size())) {
                Buffer tag = muxer.tag(m.type(), m.timestamp(), m.body());
                out.write(tag.getBytes());
            }
        }
        return muxer;
    }
}
