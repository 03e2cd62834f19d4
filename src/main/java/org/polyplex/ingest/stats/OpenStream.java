package org.polyplex.ingest.stats;

/** A stream with an open generation, as the sampler needs it; {@code channelId} null when unlinked. */
record OpenStream(long streamId, long generationId, String state, Long channelId) {
}
