package org.polyplex.epg;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.polyplex.epg.store.GuideEntry;
import org.polyplex.epg.store.GuideIndex;
import org.polyplex.epg.store.GuideRef;
import org.polyplex.epg.store.GuideStore;

/**
 * The next programmes of each guide in memory, for {@code get_short_epg}: apps ask for it on
 * every channel switch, and answering from memory keeps its latency independent of the database
 * and of imports. An entry holds the next {@link #ROWS} programmes and is valid until the first
 * one ends (at most {@link #MAX_AGE}); keys carry the generation, so a new import is never
 * answered from an old guide. Bounded: cleared whole past {@link #MAX_ENTRIES} or when the
 * guide index changes.
 */
final class UpcomingCache {

    static final int ROWS = 16;
    private static final int MAX_ENTRIES = 50_000;
    private static final Duration MAX_AGE = Duration.ofMinutes(5);
    private static final Duration FAR_FUTURE = Duration.ofDays(36_500);

    private record Upcoming(List<GuideEntry> entries, Instant validUntil) {
    }

    private final GuideStore store;
    private final Map<GuideRef, Upcoming> entries = new ConcurrentHashMap<>();
    // The index the entries were read under; compared by identity, it changes on every reload.
    private volatile GuideIndex index;

    UpcomingCache(GuideStore store) {
        this.store = store;
    }

    /** True when {@link #get} would answer from memory, without reading the database. */
    boolean holds(GuideRef ref, Instant now, int limit) {
        if (limit > ROWS || store.index() != index) {
            return false;
        }
        Upcoming cached = entries.get(ref);
        return cached != null && now.isBefore(cached.validUntil());
    }

    /** Up to {@code limit} programmes of the guide that end after {@code now}, in start order. */
    List<GuideEntry> get(GuideRef ref, Instant now, int limit) {
        if (limit > ROWS) {
            return store.programmes(ref, now, now.plus(FAR_FUTURE), limit);
        }
        GuideIndex current = store.index();
        if (current != index || entries.size() > MAX_ENTRIES) {
            entries.clear();
            index = current;
        }
        Upcoming cached = entries.get(ref);
        if (cached == null || !now.isBefore(cached.validUntil())) {
            List<GuideEntry> read = store.programmes(ref, now, now.plus(FAR_FUTURE), ROWS);
            Instant until = now.plus(MAX_AGE);
            if (!read.isEmpty() && read.get(0).programme().stop().isBefore(until)) {
                until = read.get(0).programme().stop();
            }
            cached = new Upcoming(read, until);
            entries.put(ref, cached);
        }
        // The first entry may have started after the read; none has ended (validUntil).
        List<GuideEntry> all = cached.entries();
        return all.size() <= limit ? all : all.subList(0, limit);
    }
}
