package org.polyplex.ingest.media;

/** A generation of a stream, as the spool names it. */
public record GenerationKey(long streamId, long generationId) {
}
