package org.polyplex.ingest.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.polyplex.catalog.model.IngestSources;
import org.polyplex.proxy.upstream.api.Upstream;
import org.polyplex.proxy.upstream.api.UpstreamListener;
import org.polyplex.testsupport.TestConfigs;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.impl.VertxInternal;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A published stream's TS reaches each channel session on its own context, in order, within its bound. */
class IngestFeedTest {

    private final Vertx vertx = Vertx.vertx();
    private final IngestFeeds feeds = new IngestFeeds(
            TestConfigs.of(IngestLinkConfig.class, Map.of("polyplex.ingest.link.max-inflight-bytes", "65536")));
    private final IngestKind kind = new IngestKind(feeds, vertx);

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void shouldPlayOnlyIngestUrlsOfStreamsPublishedNow() {
        assertThat(kind.supports(IngestSources.url(12))).as("not published").isFalse();
        IngestFeed feed = feeds.open(12);
        assertThat(kind.supports(IngestSources.url(12))).isTrue();
        feed.end("over");
        assertThat(kind.supports(IngestSources.url(12))).isFalse();
        feeds.open(12);
        assertThat(kind.supports("ingest://stream/0")).isFalse();
        assertThat(kind.supports("ingest://stream/12/x")).isFalse();
        assertThat(kind.supports("http://example.com/ingest://stream/12")).isFalse();
        assertThat(IngestSources.streamId("ingest://stream/99999999999999999999")).isEmpty();
    }

    @Test
    void shouldDeliverTheBytesInOrderOnTheSessionContext() {
        IngestFeed feed = feeds.open(7);
        Recorder recorder = new Recorder();
        open(IngestSources.url(7), recorder);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> feed.subscribers() == 1);

        for (int i = 0; i < 100; i++) {
            feed.ts(Buffer.buffer(new byte[] { (byte) i }));
        }

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> recorder.bytes.length() == 100);
        for (int i = 0; i < 100; i++) {
            assertThat(recorder.bytes.getByte(i)).isEqualTo((byte) i);
        }
        assertThat(recorder.wrongThread).as("every call on the session's context").isFalse();
        assertThat(recorder.failures).isEmpty();
    }

    @Test
    void shouldFailAtOnceWhenTheStreamIsNotPublished() {
        Recorder recorder = new Recorder();
        open(IngestSources.url(8), recorder);

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !recorder.failures.isEmpty());
        assertThat(recorder.failures).containsExactly("stream 8 is not being published");
    }

    @Test
    void shouldFailEverySubscriberOnceWhenThePublishEnds() {
        IngestFeed feed = feeds.open(9);
        Recorder one = new Recorder();
        Recorder two = new Recorder();
        open(IngestSources.url(9), one);
        open(IngestSources.url(9), two);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> feed.subscribers() == 2);

        feed.end("the publisher left");
        feed.end("again");

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !one.failures.isEmpty() && !two.failures.isEmpty());
        assertThat(one.failures).containsExactly("stream 9 ended: the publisher left");
        assertThat(two.failures).containsExactly("stream 9 ended: the publisher left");
        assertThat(feeds.feed(9)).as("an ended feed is forgotten").isEmpty();
    }

    @Test
    void shouldEndThePreviousFeedWhenTheStreamIsPublishedAgain() {
        IngestFeed first = feeds.open(10);
        Recorder recorder = new Recorder();
        open(IngestSources.url(10), recorder);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> first.subscribers() == 1);

        IngestFeed second = feeds.open(10);

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !recorder.failures.isEmpty());
        assertThat(recorder.failures.get(0)).contains("published again");
        assertThat(feeds.feed(10)).containsSame(second);
    }

    @Test
    void shouldDropOnlyTheSessionThatFallsBehind() throws Exception {
        IngestFeed feed = feeds.open(11);
        Context stuck = newContext();
        Recorder slow = new Recorder();
        Recorder fast = new Recorder();
        CountDownLatch opened = new CountDownLatch(1);
        stuck.runOnContext(v -> {
            kind.create(IngestSources.url(11)).open(slow);
            opened.countDown();
        });
        assertThat(opened.await(5, TimeUnit.SECONDS)).isTrue();
        open(IngestSources.url(11), fast, threadOf(stuck));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> feed.subscribers() == 2);

        CountDownLatch release = new CountDownLatch(1);
        stuck.runOnContext(v -> await(release)); // the slow session's event loop is busy elsewhere
        byte[] chunk = new byte[1316];
        for (int round = 1; round <= 10; round++) { // 131,600 bytes, twice the 64 KiB bound
            for (int i = 0; i < 10; i++) {
                feed.ts(Buffer.buffer(chunk));
            }
            int expected = round * 13_160; // the fast session keeps up
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> fast.bytes.length() == expected);
        }
        release.countDown();

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !slow.failures.isEmpty());
        assertThat(slow.failures.get(0)).contains("fell 65536 bytes behind");
        assertThat(slow.bytes.length()).as("what was handed over before the bound").isLessThanOrEqualTo(65_536);
        assertThat(fast.failures).isEmpty();
        assertThat(feed.subscribers()).isEqualTo(1);
    }

    @Test
    void shouldStopDeliveringOnceClosed() {
        IngestFeed feed = feeds.open(12);
        Recorder recorder = new Recorder();
        Upstream upstream = open(IngestSources.url(12), recorder);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> feed.subscribers() == 1);

        Context context = recorder.context;
        CountDownLatch closed = new CountDownLatch(1);
        context.runOnContext(v -> {
            upstream.close();
            closed.countDown();
        });
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> closed.getCount() == 0);
        feed.ts(Buffer.buffer("late"));
        feed.end("over");

        CountDownLatch drained = new CountDownLatch(1);
        context.runOnContext(v -> drained.countDown());
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> drained.getCount() == 0);
        assertThat(recorder.bytes.length()).isZero();
        assertThat(recorder.failures).isEmpty();
        assertThat(feed.subscribers()).isZero();
    }

    private Upstream open(String url, Recorder recorder) {
        return open(url, recorder, null);
    }

    /** Opens on a new context, on another event loop than {@code notOn} (each new context takes the next loop). */
    private Upstream open(String url, Recorder recorder, Thread notOn) {
        Context context = newContext();
        while (notOn != null && threadOf(context) == notOn) {
            context = newContext();
        }
        Context chosen = context;
        Upstream upstream = kind.create(url);
        chosen.runOnContext(v -> {
            recorder.context = chosen;
            upstream.open(recorder);
        });
        return upstream;
    }

    /** A new event-loop context; each takes the next loop ({@code getOrCreateContext} is sticky per thread). */
    private Context newContext() {
        return ((VertxInternal) vertx).createEventLoopContext();
    }

    private static Thread threadOf(Context context) {
        CompletableFuture<Thread> thread = new CompletableFuture<>();
        context.runOnContext(v -> thread.complete(Thread.currentThread()));
        return thread.orTimeout(5, TimeUnit.SECONDS).join();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Recorder implements UpstreamListener {
        final Buffer bytes = Buffer.buffer();
        final List<String> failures = new CopyOnWriteArrayList<>();
        volatile Context context;
        volatile boolean wrongThread;

        @Override
        public void onData(Buffer data) {
            check();
            synchronized (bytes) {
                bytes.appendBuffer(data);
            }
        }

        @Override
        public void onFailure(String reason) {
            check();
            failures.add(reason);
        }

        private void check() {
            if (Vertx.currentContext() != context) {
                wrongThread = true;
            }
        }
    }
}
