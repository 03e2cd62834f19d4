package org.polyplex.ingest.media;

import io.vertx.core.buffer.Buffer;

/**
 * One publish being packaged. {@link #flv}, {@link #writable} and {@link #drainHandler} are for the
 * publisher's event loop and never block; the others may be called from any thread.
 */
public interface MediaPipeline {

    /**
     * The next bytes of the publish's FLV stream (header with the codec configuration first, then
     * tags), in order; the buffer is copied, the caller may reuse it.
     */
    void flv(Buffer bytes);

    /** False while the pipeline holds its bound of unwritten bytes; pause the publisher then. */
    boolean writable();

    /** Runs once, on the caller's Vert.x context, when the pipeline is writable again. */
    void drainHandler(Runnable drained);

    /**
     * The publisher left: the queued bytes are packaged, the packager finishes and exits (state
     * {@code Stopped}); the generation's playlist stays open for the next run.
     */
    void publisherGone();

    /** Stops the packager now (SIGTERM, SIGKILL after the grace); queued bytes are dropped. */
    void stop();
}
