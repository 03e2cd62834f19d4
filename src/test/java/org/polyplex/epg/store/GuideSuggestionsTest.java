package org.polyplex.epg.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class GuideSuggestionsTest {

    private final GuideIndex index = new GuideIndex(List.of(
            new GuideIndex.Row(1, 1, "SkySports1.uk", List.of("Sky Sports 1", "Sky Sports One")),
            new GuideIndex.Row(1, 1, "SkyNews.uk", List.of("Sky News")),
            new GuideIndex.Row(1, 1, "Arte.fr", List.of("Arte")),
            new GuideIndex.Row(2, 4, "skysports1.backup", List.of("Sky Sports 1")),
            new GuideIndex.Row(2, 4, "TF1.fr", List.of("TF1"))));

    @Test
    void shouldDropTagsAndDecorationsBeforeComparing() {
        assertThat(GuideSuggestions.key("UK: Sky Sports 1 FHD")).isEqualTo("skysports1");
        assertThat(GuideSuggestions.key("[FR] Arte HD 1080p")).isEqualTo("arte");
        assertThat(GuideSuggestions.key("FR | Télé Matin TV")).isEqualTo("telematin");
        assertThat(GuideSuggestions.key("(DE) ZDF")).isEqualTo("zdf");
    }

    @Test
    void shouldOfferTheSameLooseNameFirstAndTheLowestSourceOnATie() {
        // "UK: Sky Sports 1 FHD" does not match exactly ("uk" stays in the exact key)
        assertThat(index.resolve(null, "UK: Sky Sports 1 FHD")).isEmpty();
        List<GuideSuggestion> found = index.suggest("UK: Sky Sports 1 FHD", 3);
        assertThat(found).extracting(GuideSuggestion::xmltvId).startsWith("SkySports1.uk", "skysports1.backup");
        assertThat(found.get(0).score()).isEqualTo(100);
        assertThat(found.get(0).sourceId()).isEqualTo(1);
        assertThat(found).extracting(GuideSuggestion::xmltvId).doesNotContain("TF1.fr", "Arte.fr");
    }

    @Test
    void shouldOfferContainingNamesAndCloseSpellingsButNotUnrelatedOnes() {
        assertThat(index.suggest("Arte Concert", 3)).extracting(GuideSuggestion::xmltvId, GuideSuggestion::score)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Arte.fr", 80));
        assertThat(index.suggest("Sky Newz", 3)).extracting(GuideSuggestion::xmltvId).containsExactly("SkyNews.uk");
        assertThat(index.suggest("Cartoon Network", 3)).isEmpty();
        assertThat(index.suggest("HD", 3)).as("a name of decorations alone").isEmpty();
    }

    @Test
    void shouldKeepOneSuggestionPerGuideAndHonourTheLimit() {
        List<GuideSuggestion> found = index.suggest("Sky Sports One", 1);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).xmltvId()).isEqualTo("SkySports1.uk");
        assertThat(found.get(0).displayName()).isEqualTo("Sky Sports One");
    }
}
