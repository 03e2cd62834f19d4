package org.polyplex.ingest.media;

import java.util.Set;

/**
 * The generations that are not ended (starting, live, or kept as recordings): spool retention never
 * deletes them. Implemented by the feature that owns generations; without such a bean, the
 * scheduled retention does nothing.
 */
@FunctionalInterface
public interface OpenGenerations {

    /** Read on a worker thread; may query the database. */
    Set<GenerationKey> open();
}
