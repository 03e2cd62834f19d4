package org.polyplex.epg;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.polyplex.epg.store.GuideEntry;
import org.polyplex.epg.store.GuideRef;
import org.polyplex.epg.xmltv.XmltvProgramme;

import org.junit.jupiter.api.Test;

/** The short-EPG cache over a guide of hour-long programmes held in a list (the loader). */
class UpcomingCacheTest {

    private static final Instant T0 = Instant.parse("2026-11-30T00:00:00Z");
    private static final GuideRef NEWS = new GuideRef(1, 1, "news");
    private static final GuideRef NEWS_NEXT = new GuideRef(1, 2, "news");

    private final List<GuideRef> reads = new ArrayList<>();

    /** A guide of {@code hours} programmes from T0, one per hour, as the store would read it. */
    private UpcomingCache cache(int hours) {
        return cache(hours, 50_000);
    }

    private UpcomingCache cache(int hours, int maxGuides) {
        return new UpcomingCache((ref, now, limit) -> {
            reads.add(ref);
            List<GuideEntry> out = new ArrayList<>();
            for (int h = 0; h < hours && out.size() < limit; h++) {
                Instant start = T0.plus(Duration.ofHours(h));
                if (start.plus(Duration.ofHours(1)).isAfter(now)) {
                    out.add(new GuideEntry(h, ref.sourceId(), new XmltvProgramme(ref.xmltvId(), start,
                            start.plus(Duration.ofHours(1)), "P" + h, null, null, null, List.of(), List.of(), null)));
                }
            }
            return out;
        }, maxGuides);
    }

    private static List<String> titles(List<GuideEntry> entries) {
        return entries.stream().map(e -> e.programme().title()).toList();
    }

    @Test
    void endedProgrammesAreSkippedWithoutReadingAgain() {
        UpcomingCache cache = cache(48);
        assertThat(cache.holds(NEWS, T0, 4)).isFalse();
        assertThat(titles(cache.get(NEWS, T0.plusSeconds(60), 4))).containsExactly("P0", "P1", "P2", "P3");
        assertThat(reads).hasSize(1);

        // Five hours later, 11 of the 16 cached programmes are still to come: enough for 4.
        Instant later = T0.plus(Duration.ofHours(5)).plusSeconds(1);
        assertThat(cache.holds(NEWS, later, 4)).isTrue();
        assertThat(titles(cache.get(NEWS, later, 4))).containsExactly("P5", "P6", "P7", "P8");
        assertThat(reads).hasSize(1);

        // Thirteen hours later only 3 remain: the entry is read again.
        Instant much = T0.plus(Duration.ofHours(13)).plusSeconds(1);
        assertThat(cache.holds(NEWS, much, 4)).isFalse();
        assertThat(titles(cache.get(NEWS, much, 4))).containsExactly("P13", "P14", "P15", "P16");
        assertThat(reads).hasSize(2);
    }

    @Test
    void theEndOfAGuideIsAnsweredFromMemory() {
        UpcomingCache cache = cache(3);
        assertThat(titles(cache.get(NEWS, T0, 4))).containsExactly("P0", "P1", "P2");
        Instant last = T0.plus(Duration.ofHours(2)).plusSeconds(1);
        assertThat(cache.holds(NEWS, last, 4)).as("nothing more to read").isTrue();
        assertThat(titles(cache.get(NEWS, last, 4))).containsExactly("P2");
        assertThat(cache.get(NEWS, T0.plus(Duration.ofHours(4)), 4)).isEmpty();
        assertThat(reads).hasSize(1);
    }

    @Test
    void limitsAboveTheCachedRowsGoToTheLoader() {
        UpcomingCache cache = cache(48);
        cache.get(NEWS, T0, 4);
        assertThat(cache.holds(NEWS, T0, UpcomingCache.ROWS + 1)).isFalse();
        assertThat(cache.get(NEWS, T0, 20)).hasSize(20);
        assertThat(reads).hasSize(2);
    }

    @Test
    void prefillLoadsTheNewGenerationAndForgetsGuidesNoLongerInUse() {
        UpcomingCache cache = cache(48);
        cache.prefill(List.of(NEWS), T0);
        assertThat(cache.holds(NEWS, T0, 4)).isTrue();

        // A new import: its guide is loaded while the old one keeps answering until the swap.
        cache.prefill(List.of(NEWS_NEXT), T0);
        assertThat(cache.holds(NEWS_NEXT, T0, 4)).isTrue();
        assertThat(cache.holds(NEWS, T0, 4)).as("still published until the swap").isTrue();
        assertThat(reads).containsExactly(NEWS, NEWS_NEXT);

        // The reload that publishes it announces the same guides: nothing is read or dropped.
        cache.prefill(List.of(NEWS_NEXT), T0);
        assertThat(cache.holds(NEWS, T0, 4)).isTrue();
        assertThat(reads).hasSize(2);

        // The next import forgets the generation two imports back.
        GuideRef third = new GuideRef(1, 3, "news");
        cache.prefill(List.of(third), T0);
        assertThat(cache.holds(NEWS, T0, 4)).isFalse();
        assertThat(cache.holds(NEWS_NEXT, T0, 4)).isTrue();
        assertThat(cache.size()).isEqualTo(2);
        assertThat(reads).containsExactly(NEWS, NEWS_NEXT, third);
    }

    @Test
    void shouldAnswerFromMemoryOrNotAtAllWhenTheEntryIsDroppedAfterACheck() {
        UpcomingCache cache = cache(48);
        cache.prefill(List.of(NEWS), T0);
        assertThat(cache.cached(NEWS, T0, 4)).hasValueSatisfying(e -> assertThat(titles(e)).startsWith("P0"));
        assertThat(cache.holds(NEWS, T0, 4)).as("what the event-loop path used to check first").isTrue();

        // Two imports later the entry is gone: a caller that checked before must not reach the loader.
        cache.prefill(List.of(NEWS_NEXT), T0);
        cache.prefill(List.of(new GuideRef(1, 3, "news")), T0);
        reads.clear();

        assertThat(cache.cached(NEWS, T0, 4)).isEmpty();
        assertThat(cache.cached(NEWS_NEXT, T0, UpcomingCache.ROWS + 1)).as("more rows than cached").isEmpty();
        assertThat(reads).isEmpty();
    }

    @Test
    void shouldHoldAtMostMaxGuidesWhenMoreGuidesAreAskedFor() {
        UpcomingCache cache = cache(48, 3);
        for (int i = 0; i < 20; i++) {
            cache.get(new GuideRef(1, 1, "channel-" + i), T0, 4);
        }
        assertThat(cache.size()).isLessThanOrEqualTo(3);
        assertThat(reads).hasSize(20);
    }
}
