package org.polyplex.proxy.upstream.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.vertx.core.buffer.Buffer;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The transcoder's process supervision with real processes standing in for ffmpeg: stdin to
 * stdout, the end reported once with the stderr tail, SIGKILL for a process that ignores SIGTERM,
 * and the bounded input queue that drops to the next keyframe.
 */
class TranscoderProcessTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void shouldPipeInputToOutputAndReportItsEndWithTheStderrTail() throws Exception {
        TranscoderProcess process = new TranscoderProcess("test", List.of("sh", "-c",
                "head -c 6 ; echo one >&2; echo two >&2; echo three >&2; exit 3"), 1 << 20, 2);
        StringBuilder out = new StringBuilder();
        CompletableFuture<TranscoderProcess.Exit> end = new CompletableFuture<>();
        process.offer(Buffer.buffer("abc"), true);
        process.offer(Buffer.buffer("def"), false);
        process.start(delivery -> {
            synchronized (out) {
                out.append(delivery.chunk().toString());
            }
            delivery.delivered().run();
        }, end::complete);

        TranscoderProcess.Exit exit = end.get(10, TimeUnit.SECONDS);
        assertThat(exit.code()).isEqualTo(3);
        assertThat(exit.stopped()).isFalse();
        assertThat(exit.tail()).containsExactly("two", "three");
        synchronized (out) {
            assertThat(out.toString()).isEqualTo("abcdef");
        }
    }

    @Test
    void shouldKillAProcessThatIgnoresSigtermAfterTheGrace() throws Exception {
        TranscoderProcess process = new TranscoderProcess("test",
                List.of("sh", "-c", "trap '' TERM; echo ready; while :; do sleep 0.1; done"), 1 << 20, 5);
        CompletableFuture<TranscoderProcess.Exit> end = new CompletableFuture<>();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        process.start(delivery -> {
            delivery.delivered().run();
            ready.complete(null);
        }, end::complete);
        ready.get(10, TimeUnit.SECONDS);
        long pid = ((TranscoderState.Running) process.state()).pid();

        long stopped = System.nanoTime();
        process.stop(300);
        TranscoderProcess.Exit exit = end.get(10, TimeUnit.SECONDS);
        assertThat(exit.stopped()).isTrue();
        assertThat(exit.code()).as("killed by SIGKILL").isEqualTo(137);
        assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        Awaitility.await().atMost(WAIT).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        process.stop(300);
        assertThat(process.state()).isInstanceOf(TranscoderState.Exited.class);
    }

    @Test
    void shouldDropWhatDoesNotFitUpToTheNextKeyframe() {
        TranscoderProcess process = new TranscoderProcess("test", List.of("cat"), 10, 5);
        process.offer(Buffer.buffer("12345678"), true);
        process.offer(Buffer.buffer("abc"), false);
        process.offer(Buffer.buffer("d"), false);
        assertThat(process.droppedBytes()).as("the full queue drops the rest of the GOP").isEqualTo(4);
        process.offer(Buffer.buffer("xy"), true);
        assertThat(process.droppedBytes()).as("a keyframe that fits is queued").isEqualTo(4);
        process.stop(100);
    }

    @Test
    void shouldNeverStartOnceStopped() throws Exception {
        TranscoderProcess process = new TranscoderProcess("test", List.of("cat"), 1 << 20, 5);
        process.stop(100);
        CompletableFuture<TranscoderProcess.Exit> end = new CompletableFuture<>();
        process.start(delivery -> {
        }, end::complete);
        assertThat(end.get(5, TimeUnit.SECONDS).stopped()).isTrue();
        assertThat(end.get().code()).isEqualTo(-1);
    }
}
