package org.polyplex.ingest.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polyplex.ingest.rtmp.RtmpServerFixture.eventually;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.polyplex.ingest.publish.PublishGate;
import org.polyplex.ingest.publish.PublishRequest;
import org.polyplex.ingest.publish.PublishSink;
import org.polyplex.ingest.rtmp.wire.RtmpMessage;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A gate that answers late: nothing is read meanwhile, and a sink answered too late is closed. */
class RtmpGateTest {

    private final Vertx vertx = Vertx.vertx();
    private final Promise<PublishSink> answer = Promise.promise();
    private volatile PublishRequest asked;
    private RtmpServer server;

    @BeforeEach
    void start() throws Exception {
        PublishGate gate = request -> {
            asked = request;
            return answer.future();
        };
        server = new RtmpServer(vertx, TestRtmpConfig.defaults(), gate);
        server.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldCloseTheSinkOfAnAnswerThatComesAfterTheConnectionTimedOut() throws Exception {
        try (RawRtmpClient client = new RawRtmpClient(server.port())) {
            client.handshake();
            client.connect();
            client.publish("slow-key");
            client.message(6, RtmpMessage.VIDEO, 0, Buffer.buffer(new byte[] { 0x17, 1, 0, 0, 0 }));
            assertThat(eventually(5000, () -> asked != null)).isTrue();
            assertThat(client.closedWithin(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(asked.streamKey()).isEqualTo("slow-key");
        assertThat(server.stats().timeouts()).isEqualTo(1);
        RecordingSink late = new RecordingSink();
        answer.complete(late);
        assertThat(late.closed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(late.reason).isEqualTo("connection closed before the publish started");
        assertThat(late.messages).isEmpty();
    }

    @Test
    void shouldHoldWhatFollowsThePublishUntilTheGateAnswers() throws Exception {
        try (RawRtmpClient client = new RawRtmpClient(server.port())) {
            client.handshake();
            client.connect();
            client.publish("slow-key");
            client.message(6, RtmpMessage.VIDEO, 0, Buffer.buffer(new byte[] { 0x17, 1, 0, 0, 0 }));
            assertThat(eventually(5000, () -> asked != null)).isTrue();
            RecordingSink sink = new RecordingSink();
            vertx.runOnContext(v -> answer.complete(sink)); // from another thread than the connection's
            assertThat(eventually(5000, () -> sink.messages.size() == 1)).isTrue();
            assertThat(client.receivedWithin(Duration.ofSeconds(5), "NetStream.Publish.Start")).isTrue();
        }
    }
}
