package org.polyplex.ingest.live;

/** A publish the gate let in: its stream, the generation it feeds and whether it may be taken over. */
record Admitted(long streamId, long generationId, boolean allowTakeover, String remoteAddress) {
}
