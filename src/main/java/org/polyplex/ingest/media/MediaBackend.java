package org.polyplex.ingest.media;

import java.util.List;

/** Turns the FLV of a publish into HLS in the spool and MPEG-TS for the fan-out. */
public interface MediaBackend {

    /**
     * Starts packaging one publish (run) of a generation. Never blocks: the spool directories are
     * created and the packager spawned on the backend's own threads; failures reach
     * {@link PipelineListener#failed}.
     */
    MediaPipeline start(PipelineSpec spec, PipelineListener listener);

    /** The renditions every generation gets: {@link Rendition#SOURCE}, then the configured variants. */
    List<Rendition> renditions();
}
