package org.polyplex.ingest.generation;

/**
 * The generation a publisher was admitted to: {@code resumed} when it carries on an open one (an
 * encoder reconnect: the packager marks the gap with a discontinuity) rather than a new one.
 */
public record GenerationRef(long streamId, long generationId, GenerationState state, boolean resumed) {
}
