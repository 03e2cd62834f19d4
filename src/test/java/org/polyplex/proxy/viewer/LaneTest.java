package org.polyplex.proxy.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.polyplex.proxy.config.ProxyConfig;
import org.polyplex.proxy.metrics.ProxyMetrics;
import org.polyplex.proxy.ts.PacketRing;
import org.polyplex.testsupport.TestConfigs;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A lane on another event loop than its session's, on two real Vert.x event loops with scripted
 * sockets: each viewer is written on its own loop, chunks arrive whole and in order, a lane that
 * falls behind its mailbox bound loses a run of chunks but never hands a viewer a hole, and a lane
 * whose last viewer left starts its next viewer at the session's newest keyframe.
 */
@Timeout(30)
class LaneTest {

    private static final int CHUNK = 1000;

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    private final Context session = ((VertxInternal) vertx).createEventLoopContext();
    private final Context other = ((VertxInternal) vertx).createEventLoopContext();
    private final ProxyMetrics metrics = new ProxyMetrics(new SimpleMeterRegistry());
    private final PacketRing sessionRing = new PacketRing(100, 1_000_000);
    private final List<Viewer> departed = new CopyOnWriteArrayList<>();
    private int chunks;

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private Lane lane(long mailboxBound) {
        assertThat(loop(session)).as("two event loops").isNotSameAs(loop(other));
        ProxyConfig config = TestConfigs.defaults(ProxyConfig.class);
        FanOut fanOut = new FanOut(new PacketRing(100, 1_000_000), config.viewer(), metrics, System::nanoTime,
                viewer -> true);
        return new Lane(other, loop(other), false, fanOut, mailboxBound, departed::add);
    }

    private static io.netty.channel.EventLoop loop(Context context) {
        return ((ContextInternal) context).nettyEventLoop();
    }

    private static Viewer viewer(ScriptedSocket socket, long id) {
        return new Viewer(id, socket.request, 1, "u", "a", 1, Instant.EPOCH, () -> {
        });
    }

    /** Runs on the session's context and waits for it. */
    private void onSession(Runnable action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        session.runOnContext(v -> {
            action.run();
            done.complete(null);
        });
        done.join();
    }

    /** Appends to the session's ring and offers to the lane, as the audience does. */
    private Buffer publish(Lane lane, boolean keyframe) {
        Buffer chunk = chunk();
        onSession(() -> {
            sessionRing.append(chunk, keyframe);
            lane.offer(chunk, keyframe);
        });
        return chunk;
    }

    private static void awaitWrites(ScriptedSocket socket, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> socket.written.size() >= count);
    }

    @Test
    void aViewerOnAnotherLoopGetsTheGopCacheThenEveryChunkInOrderOnItsOwnThread() {
        Lane lane = lane(1_000_000);
        Buffer key = chunk();
        Buffer next = chunk();
        onSession(() -> {
            sessionRing.append(chunk(), false);
            sessionRing.append(key, true);
            sessionRing.append(next, false);
        });
        ScriptedSocket socket = new ScriptedSocket();
        onSession(() -> lane.join(viewer(socket, 1), sessionRing, () -> {
        }));
        // Published before the join reached the lane, k2 would be where the viewer starts (the newest GOP).
        awaitWrites(socket, 2);
        Buffer k2 = publish(lane, true);
        Buffer c3 = publish(lane, false);
        awaitWrites(socket, 4);

        assertThat(socket.written).containsExactly(key, next, k2, c3);
        String thread = threadOf(other);
        assertThat(socket.threads).hasSize(4).allSatisfy(name -> assertThat(name).isEqualTo(thread));
        AtomicLong counted = new AtomicLong();
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> counted.addAndGet(lane.drainBytesOut()) == 4L * CHUNK);
    }

    @Test
    void aLaneBehindItsMailboxBoundDropsARunOfChunksAndResumesItsViewersAtTheNextKeyframe() throws Exception {
        Lane lane = lane(3L * CHUNK);
        ScriptedSocket socket = new ScriptedSocket();
        onSession(() -> lane.join(viewer(socket, 2), sessionRing, () -> {
        }));
        Buffer k0 = publish(lane, true);
        awaitWrites(socket, 1);

        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        other.runOnContext(v -> {
            blocked.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        blocked.await(5, TimeUnit.SECONDS);
        Buffer c1 = publish(lane, false);
        Buffer c2 = publish(lane, false);
        Buffer c3 = publish(lane, false);
        for (int i = 0; i < 3; i++) {
            publish(lane, false);
        }
        publish(lane, true); // a keyframe, but the mailbox is still full: dropped too
        release.countDown();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> metrics.skips() == 1);
        Buffer k1 = publish(lane, true);
        Buffer c4 = publish(lane, false);
        awaitWrites(socket, 6);

        assertThat(socket.written).as("what was queued before the overrun, then a clean start at a keyframe")
                .containsExactly(k0, c1, c2, c3, k1, c4);
    }

    @Test
    void aLaneWhoseLastViewerLeftStartsItsNextViewerAtTheSessionsNewestKeyframe() {
        Lane lane = lane(1_000_000);
        ScriptedSocket first = new ScriptedSocket();
        Viewer firstViewer = viewer(first, 3);
        onSession(() -> lane.join(firstViewer, sessionRing, () -> {
        }));
        publish(lane, true);
        publish(lane, false);
        awaitWrites(first, 2);
        other.runOnContext(v -> lane.closed(firstViewer));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> departed.contains(firstViewer));
        onSession(lane::left);
        assertThat(lane.members()).isZero();

        Buffer unseen = publish(lane, false);
        Buffer key = publish(lane, true);
        Buffer after = publish(lane, false);
        ScriptedSocket second = new ScriptedSocket();
        onSession(() -> lane.join(viewer(second, 4), sessionRing, () -> {
        }));
        Buffer live = publish(lane, false);
        awaitWrites(second, 3);

        assertThat(second.written).containsExactly(key, after, live).doesNotContain(unseen);
        assertThat(first.written).hasSize(2);
    }

    /** A chunk that equals no other chunk of the test. */
    private Buffer chunk() {
        return Buffer.buffer(new byte[CHUNK]).setInt(0, ++chunks);
    }

    private static String threadOf(Context context) {
        CompletableFuture<String> name = new CompletableFuture<>();
        context.runOnContext(v -> name.complete(Thread.currentThread().getName()));
        return name.join();
    }
}
