package org.polyplex.ingest.keys;

/** A key that verified: the stream it publishes to and the key's id (never the key). */
public record VerifiedKey(long streamId, long keyId) implements KeyCheck {
}
