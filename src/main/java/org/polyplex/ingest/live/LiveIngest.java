package org.polyplex.ingest.live;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.polyplex.ingest.generation.GenerationEnded;
import org.polyplex.ingest.link.IngestFeeds;
import org.polyplex.ingest.media.MediaBackend;
import org.polyplex.ingest.media.PipelineSpec;
import org.polyplex.ingest.publish.PublishGate;
import org.polyplex.ingest.publish.PublishRefusal;
import org.polyplex.ingest.publish.PublishRequest;
import org.polyplex.ingest.publish.PublishSink;

import io.quarkus.logging.Log;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * ★ Live ingest: the gate every RTMP publish passes. A right key (checked on a worker, before any
 * media) opens or resumes its stream's generation; the publish then runs as a {@link LivePublish}:
 * FLV to the media backend's packager, its MPEG-TS into the stream's feed for the linked channel.
 * One publish per stream: a second is refused ({@code BUSY}) unless the stream lets a newer
 * publisher take over. A generation that ends (admin stop, idle bound, stream deleted) ends its
 * publish and stops its packager.
 */
@ApplicationScoped
public class LiveIngest implements PublishGate {

    private final Vertx vertx;
    private final PublishAdmission admission;
    private final MediaBackend backend;
    private final IngestFeeds feeds;
    private final LiveRecords records;
    private final Map<Long, LivePublish> publishing = new ConcurrentHashMap<>();
    private final Map<Long, AtomicInteger> runs = new ConcurrentHashMap<>();

    LiveIngest(Vertx vertx, PublishAdmission admission, MediaBackend backend, IngestFeeds feeds, LiveRecords records) {
        this.vertx = vertx;
        this.admission = admission;
        this.backend = backend;
        this.feeds = feeds;
        this.records = records;
    }

    @Override
    public Future<PublishSink> open(PublishRequest request) {
        return vertx.<Admitted> executeBlocking(() -> admission.admit(request, false), false)
                .map(admitted -> (PublishSink) start(admitted))
                .onFailure(e -> {
                    if (!(e instanceof PublishRefusal)) {
                        Log.warnf(e, "publish from %s failed to start", request.remoteAddress());
                    }
                });
    }

    /** Streams being published now. */
    public int publishing() {
        return publishing.size();
    }

    private LivePublish start(Admitted admitted) {
        long streamId = admitted.streamId();
        LivePublish[] replaced = new LivePublish[1];
        LivePublish publish = publishing.compute(streamId, (id, current) -> {
            if (current != null && !admitted.allowTakeover()) {
                throw new PublishRefusal(PublishRefusal.Code.BUSY, "stream " + streamId + " is being published already");
            }
            replaced[0] = current;
            int run = runs.computeIfAbsent(admitted.generationId(), g -> new AtomicInteger()).incrementAndGet();
            return new LivePublish(admitted, run, records.events(this), feeds.open(streamId));
        });
        if (replaced[0] != null) {
            replaced[0].end("taken over by a newer publisher", false);
        }
        publish.start(backend.start(
                new PipelineSpec(streamId, admitted.generationId(), publish.run(), backend.renditions()), publish));
        records.connected(admitted);
        Log.infof("stream %d: publish started from %s (generation %d, run %d)", streamId, admitted.remoteAddress(),
                admitted.generationId(), publish.run());
        return publish;
    }

    /** Forgets an ended publish; false when a newer publish of its stream took its place already. */
    boolean ended(LivePublish publish) {
        return publishing.remove(publish.streamId(), publish);
    }

    void generationEnded(@Observes(during = TransactionPhase.AFTER_SUCCESS) GenerationEnded ended) {
        runs.remove(ended.generationId());
        LivePublish publish = publishing.get(ended.streamId());
        if (publish != null && publish.generationId() == ended.generationId()) {
            publish.end("the stream was stopped: " + ended.reason(), true);
        }
    }
}
