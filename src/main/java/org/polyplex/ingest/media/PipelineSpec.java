package org.polyplex.ingest.media;

import java.util.List;

/**
 * One publish of a generation to package.
 *
 * @param run the publish's number within its generation, from 1: it scopes segment names, so a
 *        publisher that reconnects never reuses a segment URL
 * @param renditions {@link Rendition#SOURCE} first, then the encoded variants
 */
public record PipelineSpec(long streamId, long generationId, int run, List<Rendition> renditions) {

    public PipelineSpec {
        if (streamId <= 0 || generationId <= 0 || run <= 0) {
            throw new IllegalArgumentException("stream, generation and run are positive");
        }
        renditions = List.copyOf(renditions);
        if (renditions.isEmpty() || !renditions.get(0).copy()) {
            throw new IllegalArgumentException("the source rendition comes first");
        }
        if (renditions.stream().map(Rendition::name).distinct().count() != renditions.size()) {
            throw new IllegalArgumentException("rendition names repeat: " + renditions);
        }
    }

    /** The process name for logs and the pid file (ids only, never a key). */
    public String processName() {
        return "ingest-s" + streamId + "-g" + generationId + "-r" + run;
    }
}
