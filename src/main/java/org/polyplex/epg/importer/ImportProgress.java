package org.polyplex.epg.importer;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a running import has parsed so far, written by its import thread and read by any thread
 * (the console's progress fragment): plain atomic counters, no lock, no allocation per record.
 */
public final class ImportProgress {

    /** A reading of the counters; the three are read one after the other, not as one snapshot. */
    public record Counts(int channels, int programmes, int skipped) {
    }

    private final AtomicInteger channels = new AtomicInteger();
    private final AtomicInteger programmes = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();

    void channel() {
        channels.incrementAndGet();
    }

    void programme() {
        programmes.incrementAndGet();
    }

    void skipped() {
        skipped.incrementAndGet();
    }

    public Counts counts() {
        return new Counts(channels.get(), programmes.get(), skipped.get());
    }
}
