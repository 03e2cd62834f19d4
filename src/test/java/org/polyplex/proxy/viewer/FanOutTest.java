package org.polyplex.proxy.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.polyplex.proxy.config.ProxyConfig;
import org.polyplex.proxy.metrics.ProxyMetrics;
import org.polyplex.proxy.ts.PacketRing;
import org.polyplex.testsupport.TestConfigs;

import io.vertx.core.buffer.Buffer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Slow-viewer policies with a scripted socket: deterministic, no network. */
@Timeout(30)
class FanOutTest {

    private long now = 1;
    private boolean backlogRoom = true;
    private final ProxyMetrics metrics = new ProxyMetrics(new SimpleMeterRegistry());
    private final PacketRing ring = new PacketRing(100, 100_000);
    private final List<Viewer> departed = new ArrayList<>();
    private int chunks;

    private FanOut fanOut(String policy) {
        ProxyConfig config = TestConfigs.of(ProxyConfig.class, Map.of("polyplex.proxy.viewer.slow-policy", policy,
                "polyplex.proxy.viewer.max-lag-bytes", "3000", "polyplex.proxy.viewer.write-stall-timeout", "5s"));
        return new FanOut(ring, config.viewer(), metrics, () -> now, viewer -> backlogRoom);
    }

    private Viewer viewer(ScriptedSocket socket, long id) {
        return new Viewer(id, socket.request, 1, "u", "a", 1, Instant.EPOCH, () -> {
        });
    }

    @Test
    void aSlowViewerIsSkippedToTheNextKeyframeWhileOthersGetEverything() {
        FanOut fanOut = fanOut("skip");
        ScriptedSocket fast = new ScriptedSocket();
        ScriptedSocket slow = new ScriptedSocket();
        fanOut.add(viewer(fast, 1));
        fanOut.add(viewer(slow, 2));
        Buffer key1 = chunk();
        fanOut.publish(key1, true);
        slow.full = true;
        for (int i = 0; i < 4; i++) {
            fanOut.publish(chunk(), false);
        }
        Buffer key2 = chunk();
        fanOut.publish(key2, true);
        slow.full = false;
        fanOut.drained(fanOut.viewers().get(1));

        assertThat(fast.written).hasSize(6);
        assertThat(slow.written).containsExactly(key1, key2);
        assertThat(metrics.skips()).isEqualTo(1);
        assertThat(slow.closed).isFalse();
    }

    @Test
    void evictPolicyClosesASlowViewer() {
        FanOut fanOut = fanOut("evict");
        ScriptedSocket slow = new ScriptedSocket();
        fanOut.add(viewer(slow, 2));
        fanOut.publish(chunk(), true);
        slow.full = true;
        for (int i = 0; i < 4; i++) {
            fanOut.publish(chunk(), false);
        }
        assertThat(slow.closed).isTrue();
        fanOut.sweep(departed::add);
        assertThat(departed).hasSize(1);
        assertThat(departed.get(0).endReason).startsWith("too slow");
        assertThat(metrics.evictions()).isEqualTo(1);
    }

    @Test
    void aSocketThatTakesNothingIsAGhostAfterTheStallBound() {
        FanOut fanOut = fanOut("skip");
        ScriptedSocket ghost = new ScriptedSocket();
        fanOut.add(viewer(ghost, 3));
        ghost.full = true;
        fanOut.publish(chunk(), true);
        now += 4_000_000_000L;
        fanOut.evictStalled();
        assertThat(ghost.closed).isFalse();
        now += 2_000_000_000L;
        fanOut.evictStalled();
        assertThat(ghost.closed).isTrue();
        fanOut.sweep(departed::add);
        assertThat(departed.get(0).endReason).startsWith("write stalled");
    }

    @Test
    void aViewerWhoseBacklogHasNoRoomIsEvictedAndTheOthersKeepStreaming() {
        FanOut fanOut = fanOut("skip");
        ScriptedSocket fast = new ScriptedSocket();
        ScriptedSocket slow = new ScriptedSocket();
        fanOut.add(viewer(fast, 5));
        fanOut.add(viewer(slow, 6));
        fanOut.publish(chunk(), true);
        backlogRoom = false;
        slow.full = true;
        fanOut.publish(chunk(), false);
        assertThat(slow.closed).as("no room for its backlog").isTrue();
        fanOut.publish(chunk(), false);
        assertThat(fast.written).hasSize(3);
        fanOut.sweep(departed::add);
        assertThat(departed).hasSize(1);
        assertThat(departed.get(0).endReason).startsWith("memory_budget");
        assertThat(metrics.evictions()).isEqualTo(1);
    }

    @Test
    void theBacklogIsAskedForOnceThoughTheSocketFillsAgain() {
        List<Viewer> asked = new ArrayList<>();
        ProxyConfig config = TestConfigs.defaults(ProxyConfig.class);
        FanOut fanOut = new FanOut(ring, config.viewer(), metrics, () -> now, viewer -> asked.add(viewer));
        ScriptedSocket socket = new ScriptedSocket();
        fanOut.add(viewer(socket, 7));
        fanOut.publish(chunk(), true);
        assertThat(asked).as("a viewer keeping up holds the ring's chunks only").isEmpty();
        for (int i = 0; i < 3; i++) {
            socket.full = true;
            fanOut.publish(chunk(), false);
            socket.full = false;
            fanOut.drained(fanOut.viewers().get(0));
        }
        assertThat(asked).hasSize(1);
        assertThat(socket.written).hasSize(4);
    }

    @Test
    void aViewerJoiningBeforeAnyKeyframeWaitsForOne() {
        FanOut fanOut = fanOut("skip");
        fanOut.publish(chunk(), false);
        ScriptedSocket late = new ScriptedSocket();
        fanOut.add(viewer(late, 4));
        fanOut.publish(chunk(), false);
        assertThat(late.written).isEmpty();
        Buffer key = chunk();
        fanOut.publish(key, true);
        assertThat(late.written).containsExactly(key);
    }

    /** A chunk that equals no other chunk of the test, so the order of what was written is checked. */
    private Buffer chunk() {
        return Buffer.buffer(new byte[1000]).setInt(0, ++chunks);
    }
}
