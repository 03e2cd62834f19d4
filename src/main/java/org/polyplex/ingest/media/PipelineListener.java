package org.polyplex.ingest.media;

import java.nio.file.Path;

import org.polyplex.platform.process.ProcessState;

import io.vertx.core.buffer.Buffer;

/**
 * Hears a pipeline. Called on the backend's threads (never an event loop): hop to your context and
 * return fast.
 */
public interface PipelineListener {

    /** The source rendition as MPEG-TS (whole 188-byte packets), in order; the buffer is not reused. */
    void ts(Buffer bytes);

    /** The source playlist lists this run's first segment: the run is playable. Once per run. */
    void playlistReady(Path playlist);

    /** The packager's process changed state (restarts show as Exited, Backoff, Starting, Running). */
    default void stateChanged(ProcessState state) {
    }

    /**
     * The pipeline cannot package this publish (ffmpeg missing, restarts used up, the bytes are not
     * FLV, the spool not writable); once, and nothing but {@code stateChanged} follows.
     */
    void failed(String reason);
}
