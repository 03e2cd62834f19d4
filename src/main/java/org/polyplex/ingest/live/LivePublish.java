package org.polyplex.ingest.live;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import org.polyplex.ingest.flv.FlvMuxer;
import org.polyplex.ingest.link.IngestFeed;
import org.polyplex.ingest.media.MediaPipeline;
import org.polyplex.ingest.media.PipelineListener;
import org.polyplex.ingest.publish.PublishControl;
import org.polyplex.ingest.publish.PublishSink;

import io.quarkus.logging.Log;

import io.vertx.core.buffer.Buffer;

/**
 * One admitted publish (a run of its generation): the publisher's messages become FLV for the
 * packager; the packager's MPEG-TS goes to the stream's feed, which the linked channel's sessions
 * play; its first playable playlist makes the generation live. Sink calls come on the publisher's
 * event loop, listener calls on the backend's threads; the end happens once, whoever causes it.
 */
final class LivePublish implements PublishSink, PipelineListener {

    private final Admitted admitted;
    private final int run;
    private final LiveEvents events;
    private final IngestFeed feed;
    private final FlvMuxer muxer = new FlvMuxer();
    private final AtomicBoolean over = new AtomicBoolean();
    private final AtomicBoolean ready = new AtomicBoolean();
    private volatile MediaPipeline pipeline;
    private volatile PublishControl control;

    LivePublish(Admitted admitted, int run, LiveEvents events, IngestFeed feed) {
        this.admitted = admitted;
        this.run = run;
        this.events = events;
        this.feed = feed;
    }

    /** Starts with the pipeline the backend made for this publish; the FLV header goes first. */
    void start(MediaPipeline started) {
        this.pipeline = started;
        started.flv(muxer.header());
    }

    long streamId() {
        return admitted.streamId();
    }

    long generationId() {
        return admitted.generationId();
    }

    int run() {
        return run;
    }

    @Override
    public void control(PublishControl given) {
        this.control = given;
    }

    @Override
    public void message(int type, long timestamp, Buffer body) {
        if (over.get()) {
            return;
        }
        pipeline.flv(muxer.tag(type, timestamp, body));
        events.ingress(admitted.streamId(), body.length());
    }

    @Override
    public boolean writable() {
        return pipeline.writable();
    }

    @Override
    public void drainHandler(Runnable drained) {
        pipeline.drainHandler(drained);
    }

    @Override
    public void closed(String reason) {
        if (!over.compareAndSet(false, true)) {
            return;
        }
        Log.infof("stream %d: publish ended (generation %d, run %d): %s", admitted.streamId(),
                admitted.generationId(), run, reason);
        pipeline.publisherGone();
        feed.end(reason);
        events.publishEnded(this);
    }

    /** Ends the publish from our side: the encoder is told and disconnected; {@code stopPackager} drops what is queued. */
    void end(String reason, boolean stopPackager) {
        if (stopPackager) {
            pipeline.stop();
        }
        PublishControl c = control;
        if (c != null) {
            c.end(reason);
        } else {
            closed(reason);
        }
    }

    @Override
    public void ts(Buffer bytes) {
        feed.ts(bytes);
    }

    @Override
    public void playlistReady(Path playlist) {
        if (ready.compareAndSet(false, true)) {
            events.playable(this);
        }
    }

    @Override
    public void failed(String reason) {
        Log.warnf("stream %d: the packager of generation %d (run %d) failed: %s", admitted.streamId(),
                admitted.generationId(), run, reason);
        events.packagerFailed(this, reason);
        end("the packager failed", false);
    }
}
