package org.polyplex.ingest.generation;

/**
 * The generation a publisher was admitted to: {@code resumed} when it carries on an open one that
 * had a publisher before (an encoder reconnect: the packager marks the gap with a discontinuity);
 * false for a new generation and for the first publisher of one an admin started.
 */
public record GenerationRef(long streamId, long generationId, GenerationState state, boolean resumed) {
}
