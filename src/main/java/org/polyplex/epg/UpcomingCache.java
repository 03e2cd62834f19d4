package org.polyplex.epg;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.polyplex.epg.store.GuideEntry;
import org.polyplex.epg.store.GuideRef;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The next programmes of each guide in memory, for {@code get_short_epg}: apps ask for it on
 * every channel switch, and answering from memory keeps its latency independent of the database
 * and of imports.
 *
 * <p>
 * An entry holds the next {@link #ROWS} programmes of one guide as they were when read. A guide
 * generation never changes once imported, so an entry goes stale only by time: programmes that
 * have ended are skipped when answering, and the entry is read again only when fewer than the
 * asked number remain (unless it holds the end of the guide). Keys carry the generation, so a new
 * import is never answered from an old guide; {@link #prefill} loads a new generation's entries
 * before it goes live, so the first requests after an import do not all go to the database.
 * Bounded: a Caffeine cache of at most {@code maxGuides} guides
 * ({@code polyplex.epg.query.upcoming-guides}); past it, guides seldom asked for go first.
 */
final class UpcomingCache {

    static final int ROWS = 16;

    /** Reads up to {@code limit} programmes of a guide that end after {@code now}, in start order. */
    interface Loader {
        List<GuideEntry> upcoming(GuideRef ref, Instant now, int limit);
    }

    // complete: the guide has nothing after these entries (fewer than ROWS were read)
    private record Upcoming(List<GuideEntry> entries, boolean complete) {

        /** Index of the first entry still running or to come at {@code now}. */
        int firstNotEnded(Instant now) {
            int i = 0;
            while (i < entries.size() && !entries.get(i).programme().stop().isAfter(now)) {
                i++;
            }
            return i;
        }

        boolean answers(Instant now, int limit) {
            return complete || entries.size() - firstNotEnded(now) >= limit;
        }

        List<GuideEntry> next(Instant now, int limit) {
            int from = firstNotEnded(now);
            return entries.subList(from, Math.min(entries.size(), from + limit));
        }
    }

    private final Loader loader;
    private final int maxGuides;
    private final Cache<GuideRef, Upcoming> entries;
    // The guides of the last two distinct prefills, whose entries are kept (guarded by this).
    private Set<GuideRef> latest = Set.of();
    private Set<GuideRef> previous = Set.of();

    UpcomingCache(Loader loader, int maxGuides) {
        this.loader = loader;
        this.maxGuides = maxGuides;
        this.entries = Caffeine.newBuilder().maximumSize(maxGuides).build();
    }

    /** True when {@link #get} would answer from memory, without reading the database. */
    boolean holds(GuideRef ref, Instant now, int limit) {
        return cached(ref, now, limit).isPresent();
    }

    /**
     * What {@link #get} would answer, from memory only: empty when that needs the loader. The map
     * is read once, so an entry dropped meanwhile (a prefill for new guides, a clear) yields empty,
     * never a load; event-loop callers rely on that.
     */
    Optional<List<GuideEntry>> cached(GuideRef ref, Instant now, int limit) {
        Upcoming cached = limit > ROWS ? null : entries.getIfPresent(ref);
        return cached != null && cached.answers(now, limit) ? Optional.of(cached.next(now, limit)) : Optional.empty();
    }

    /** Up to {@code limit} programmes of the guide that end after {@code now}, in start order. */
    List<GuideEntry> get(GuideRef ref, Instant now, int limit) {
        if (limit > ROWS) {
            return loader.upcoming(ref, now, limit);
        }
        Upcoming cached = entries.getIfPresent(ref);
        if (cached == null || !cached.answers(now, limit)) {
            cached = load(ref, now);
        }
        return cached.next(now, limit);
    }

    /**
     * Loads the entries of these guides (those the catalog's channels resolve to under a new
     * index), at most {@code maxGuides}. Blocking: runs on the thread that reloads the index,
     * before the index is published, so requests still use the previous guides meanwhile: their
     * entries are kept until a prefill for yet another set of guides.
     */
    synchronized void prefill(Collection<GuideRef> refs, Instant now) {
        Set<GuideRef> next = Set.copyOf(refs);
        if (!next.equals(latest)) {
            previous = latest;
            latest = next;
        }
        if (latest.size() + previous.size() > maxGuides) {
            // Room for the new guides first: the old ones are read on demand until the swap.
            previous = Set.of();
        }
        entries.asMap().keySet().removeIf(ref -> !latest.contains(ref) && !previous.contains(ref));
        int loaded = 0;
        for (GuideRef ref : next) {
            if (loaded++ >= maxGuides) {
                break;
            }
            if (!holds(ref, now, ROWS)) {
                load(ref, now);
            }
        }
    }

    /** Guides held (after pending evictions ran). */
    int size() {
        entries.cleanUp();
        return (int) entries.estimatedSize();
    }

    private Upcoming load(GuideRef ref, Instant now) {
        List<GuideEntry> read = loader.upcoming(ref, now, ROWS);
        Upcoming loaded = new Upcoming(List.copyOf(read), read.size() < ROWS);
        entries.put(ref, loaded);
        return loaded;
    }
}
