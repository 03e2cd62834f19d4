package org.polyplex.ingest.live;

import java.util.concurrent.Callable;

import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.ingest.activity.StreamActivity;
import org.polyplex.ingest.generation.Generations;

import io.quarkus.logging.Log;

import io.vertx.core.Vertx;

/**
 * Records what live publishes do: the generation's transitions (on a worker, never on the caller's
 * thread) and the in-memory activity figures. A transition the generation no longer allows (it was
 * stopped meanwhile) is logged and dropped.
 */
@ApplicationScoped
class LiveRecords {

    private final Vertx vertx;
    private final Generations generations;
    private final StreamActivity activity;

    LiveRecords(Vertx vertx, Generations generations, StreamActivity activity) {
        this.vertx = vertx;
        this.generations = generations;
        this.activity = activity;
    }

    void connected(Admitted admitted) {
        activity.publisherConnected(admitted.streamId(), admitted.generationId(), admitted.remoteAddress());
    }

    LiveEvents events(LiveIngest ingest) {
        return new LiveEvents() {
            @Override
            public void ingress(long streamId, long bytes) {
                activity.ingress(streamId, bytes);
            }

            @Override
            public void playable(LivePublish publish) {
                worker("mark generation " + publish.generationId() + " live", () -> {
                    generations.markLive(publish.generationId());
                    return null;
                });
            }

            @Override
            public void packagerFailed(LivePublish publish, String reason) {
                worker("fail generation " + publish.generationId(), () -> {
                    generations.fail(publish.generationId(), "the packager failed: " + reason);
                    return null;
                });
            }

            @Override
            public void publishEnded(LivePublish publish) {
                if (!ingest.ended(publish)) {
                    return; // taken over: the stream's publisher is the newer one
                }
                activity.publisherGone(publish.streamId());
                worker("record the publisher of generation " + publish.generationId() + " gone", () -> {
                    generations.publisherGone(publish.generationId());
                    return null;
                });
            }
        };
    }

    private void worker(String what, Callable<Void> work) {
        vertx.executeBlocking(work, false).onFailure(e -> Log.infof("could not %s: %s", what, e.getMessage()));
    }
}
