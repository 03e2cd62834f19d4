package org.polyplex.ingest.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.unique;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.polyplex.ingest.activity.StreamActivity;
import org.polyplex.platform.ClusterConfig;
import org.polyplex.platform.NodeName;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

@QuarkusTest
class GenerationsTest {

    @Inject
    Generations generations;

    @Inject
    GenerationConfig config;

    @Inject
    RecordedGenerationEvents events;

    @Inject
    StreamActivity activity;

    @Inject
    NodeName node;

    @Inject
    ClusterConfig cluster;

    @Test
    void shouldOpenResumeGoLiveAndEndWithEventsAfterCommit() {
        long stream = stream();
        GenerationRef first = generations.begin(stream);
        assertThat(first.resumed()).isFalse();
        assertThat(first.state()).isEqualTo(GenerationState.STARTING);
        generations.markLive(first.generationId());
        generations.markLive(first.generationId()); // a resumed packager may say it again
        generations.publisherGone(first.generationId());
        assertThat(row(first.generationId()).publisherGoneAt).isNotNull();

        GenerationRef again = generations.begin(stream);
        assertThat(again).isEqualTo(new GenerationRef(stream, first.generationId(), GenerationState.LIVE, true));
        Generation resumed = row(first.generationId());
        assertThat(resumed.publisherGoneAt).isNull();
        assertThat(resumed.liveAt).isNotNull();
        assertThat(resumed.lastPublishAt).isNotNull();

        generations.end(first.generationId(), "done");
        Generation ended = row(first.generationId());
        assertThat(ended.state).isEqualTo(GenerationState.ENDED);
        assertThat(ended.reason).isEqualTo("done");
        assertThat(ended.endedAt).isNotNull();
        assertThatThrownBy(() -> generations.end(first.generationId(), "twice")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> generations.markLive(first.generationId())).isInstanceOf(IllegalStateException.class);
        generations.publisherGone(first.generationId()); // after the end: nothing to do, no failure

        GenerationRef next = generations.begin(stream);
        assertThat(next.resumed()).isFalse();
        assertThat(next.generationId()).isNotEqualTo(first.generationId());
        assertThat(events.of(stream)).containsExactly(new GenerationStarted(stream, first.generationId()),
                new GenerationEnded(stream, first.generationId(), "done"),
                new GenerationStarted(stream, next.generationId()));
    }

    @Test
    void shouldFailWithReasonAndRefuseLaterTransitions() {
        long stream = stream();
        long id = generations.begin(stream).generationId();
        generations.fail(id, "ffmpeg exited: no video stream");
        assertThat(row(id).state).isEqualTo(GenerationState.FAILED);
        assertThat(row(id).reason).isEqualTo("ffmpeg exited: no video stream");
        assertThatThrownBy(() -> generations.fail(id, "again")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> generations.end(id, "x")).isInstanceOf(IllegalStateException.class);
        assertThat(events.of(stream)).contains(new GenerationEnded(stream, id, "ffmpeg exited: no video stream"));
        assertThatThrownBy(() -> generations.markLive(987_654_321L)).hasMessageContaining("does not exist");
        generations.fail(generations.begin(stream).generationId(), "x".repeat(2000));
        assertThat(generations.latestOf(stream).orElseThrow().reason).hasSize(Generations.MAX_REASON);
    }

    @Test
    void shouldEndOnlyGenerationsIdleLongerThanTheBound() {
        long idleStream = stream();
        long busyStream = stream();
        long recentStream = stream();
        long idle = generations.begin(idleStream).generationId();
        long busy = generations.begin(busyStream).generationId();
        long recent = generations.begin(recentStream).generationId();
        generations.publisherGone(idle);
        generations.publisherGone(recent);
        backdateGone(idle, config.idleEnd().plusSeconds(1));

        assertThat(generations.sweepIdle()).isGreaterThanOrEqualTo(1);
        assertThat(row(idle).state).isEqualTo(GenerationState.ENDED);
        assertThat(row(idle).reason).contains("no publisher");
        assertThat(row(busy).state).isEqualTo(GenerationState.STARTING);
        assertThat(row(recent).state).isEqualTo(GenerationState.STARTING);
    }

    @Test
    void shouldEndGenerationsLeftOpenByAPreviousRun() {
        long a = generations.begin(stream()).generationId();
        long b = generations.begin(stream()).generationId();
        generations.markLive(b);
        long done = generations.begin(stream()).generationId();
        generations.end(done, "stopped");

        assertThat(generations.recoverAfterRestart()).isGreaterThanOrEqualTo(2);
        assertThat(row(a).state).isEqualTo(GenerationState.ENDED);
        assertThat(row(a).reason).isEqualTo(Generations.RESTARTED);
        assertThat(row(b).state).isEqualTo(GenerationState.ENDED);
        assertThat(row(done).reason).isEqualTo("stopped");
    }

    @Test
    void shouldLeaveAnotherNodesGenerationsToItUntilThatNodeGoesStale() {
        long mine = generations.begin(stream()).generationId();
        long otherStream = stream();
        long other = generations.begin(otherStream).generationId();
        long gone = generations.begin(stream()).generationId();
        held(other, "node-b", Instant.now());
        held(gone, "node-c", Instant.now().minus(cluster.nodeStale()).minusSeconds(1));
        assertThat(row(mine).node).isEqualTo(node.value());

        generations.recoverAfterRestart();
        assertThat(row(mine).state).isEqualTo(GenerationState.ENDED);
        assertThat(row(mine).reason).isEqualTo(Generations.RESTARTED);
        assertThat(row(other).state).as("node-b refreshed it just now").isEqualTo(GenerationState.STARTING);
        assertThat(row(gone).state).isEqualTo(GenerationState.ENDED);
        assertThat(row(gone).reason).isEqualTo(Generations.NODE_GONE + " (node-c)");

        // the same bound holds on the periodic sweep, while node-b's stays with it
        held(other, "node-b", Instant.now().minus(cluster.nodeStale()).minusSeconds(1));
        asAdmin().get("/api/streams/" + otherStream + "/generations").then().statusCode(200)
                .body("[0].node", equalTo("node-b"));
        generations.sweepIdle();
        assertThat(row(other).state).isEqualTo(GenerationState.ENDED);
        assertThat(row(other).reason).isEqualTo(Generations.NODE_GONE + " (node-b)");
    }

    @Test
    void shouldRefreshItsOwnOpenGenerationsOnEverySweepAndTakeOverAJoinedOne() {
        long stream = stream();
        long id = generations.begin(stream).generationId();
        Instant old = Instant.now().minus(cluster.nodeStale()).minusSeconds(1);
        held(id, node.value(), old);
        generations.sweepIdle();
        assertThat(row(id).seenAt).isAfter(old.plus(cluster.nodeStale()));
        assertThat(row(id).state).isEqualTo(GenerationState.STARTING);

        // a publisher reconnecting through this node takes the generation over from node-b
        held(id, "node-b", old);
        assertThat(generations.begin(stream).generationId()).isEqualTo(id);
        assertThat(row(id).node).isEqualTo(node.value());
        generations.sweepIdle();
        assertThat(row(id).state).isEqualTo(GenerationState.STARTING);
        generations.end(id, "done");
    }

    @Test
    void shouldStartStopAndReportThroughTheApi() {
        long stream = stream();
        asAdmin().get("/api/streams/" + stream + "/status").then().statusCode(200)
                .body("state", equalTo("idle")).body("generationId", nullValue()).body("viewers", equalTo(0))
                .body("ingressKbps", equalTo(0)).body("publisher.connected", equalTo(false));
        asAdmin().post("/api/streams/" + stream + "/stop").then().statusCode(409);

        int generation = asAdmin().post("/api/streams/" + stream + "/start").then().statusCode(200)
                .body("state", equalTo("starting")).body("streamId", equalTo((int) stream))
                .extract().path("id");
        asAdmin().post("/api/streams/" + stream + "/start").then().statusCode(409).body("field", equalTo("state"));
        // an admin start waits for a publisher: the idle bound runs from the start
        assertThat(row(generation).publisherGoneAt).isNotNull();

        GenerationRef admitted = generations.begin(stream);
        // the first publisher of an admin-started generation: no gap to mark
        assertThat(admitted.resumed()).isFalse();
        assertThat(admitted.generationId()).isEqualTo(generation);
        assertThat(row(generation).publisherGoneAt).isNull();
        activity.publisherConnected(stream, generation, "192.0.2.10");
        activity.ingress(stream, 1000);
        generations.markLive(generation);
        asAdmin().get("/api/streams/" + stream + "/status").then().statusCode(200)
                .body("state", equalTo("live")).body("generationId", equalTo(generation))
                .body("publisher.connected", equalTo(true)).body("publisher.since", notNullValue())
                .body("publisher.remoteAddress", equalTo("192.0.2.10"))
                .body("liveAt", notNullValue());

        asAdmin().post("/api/streams/" + stream + "/stop").then().statusCode(200)
                .body("state", equalTo("ended")).body("reason", equalTo("stopped by an admin"));
        asAdmin().get("/api/streams/" + stream + "/status").then().body("state", equalTo("ended"))
                .body("reason", equalTo("stopped by an admin"));
        asAdmin().post("/api/streams/" + stream + "/stop").then().statusCode(409);

        long second = generations.begin(stream).generationId();
        generations.fail(second, "no video");
        asAdmin().get("/api/streams/" + stream + "/status").then().body("state", equalTo("failed"))
                .body("generationId", equalTo((int) second)).body("publisher.connected", equalTo(false));
        asAdmin().get("/api/streams/" + stream + "/generations?size=1").then().statusCode(200)
                .header("X-Total-Count", "2").body("[0].id", equalTo((int) second))
                .body("[0].state", equalTo("failed"));
        asAdmin().get("/api/streams/" + stream + "/generations").then()
                .body("id", org.hamcrest.Matchers.contains((int) second, generation));
    }

    @Test
    void shouldOpenOneGenerationWhenPublishersArriveTogether() throws Exception {
        long stream = stream();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<GenerationRef>> refs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                refs.add(pool.submit(() -> {
                    go.await(10, TimeUnit.SECONDS);
                    return generations.begin(stream);
                }));
            }
            go.countDown();
            Set<Long> ids = new HashSet<>();
            int fresh = 0;
            for (Future<GenerationRef> ref : refs) {
                GenerationRef r = ref.get(30, TimeUnit.SECONDS);
                ids.add(r.generationId());
                fresh += r.resumed() ? 0 : 1;
            }
            assertThat(ids).hasSize(1);
            assertThat(fresh).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldEndOpenGenerationWhenStreamIsDeleted() {
        long stream = stream();
        long id = generations.begin(stream).generationId();
        asAdmin().delete("/api/streams/" + stream).then().statusCode(204);
        assertThat(events.of(stream)).contains(new GenerationEnded(stream, id, "stream deleted"));
        assertThat((Object) QuarkusTransaction.requiringNew().call(() -> Generation.<Generation> findById(id))).isNull();
        assertThat(activity.of(stream)).isEmpty();
    }

    private static long stream() {
        return create("/api/streams", Map.of("name", unique("Gen"), "visibility", "public"));
    }

    private static Generation row(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Generation.<Generation> findById(id));
    }

    private static void held(long id, String node, Instant seen) {
        QuarkusTransaction.requiringNew().run(() -> {
            Generation g = Generation.findById(id);
            g.node = node;
            g.seenAt = seen;
        });
    }

    private static void backdateGone(long id, Duration by) {
        QuarkusTransaction.requiringNew().run(() -> {
            Generation g = Generation.findById(id);
            g.publisherGoneAt = Instant.now().minus(by);
        });
    }
}
