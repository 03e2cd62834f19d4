package org.polyplex.epg.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GuideIndexTest {

    private final GuideIndex index = new GuideIndex(List.of(
            new GuideIndex.Row(1, 7, "BBC1.uk", List.of("BBC One", "BBC 1")),
            new GuideIndex.Row(1, 7, "tele5.fr", List.of("Télé 5 HD")),
            new GuideIndex.Row(2, 3, "bbc1.uk", List.of("BBC One London")),
            new GuideIndex.Row(2, 3, "other", List.of("Sky Atlantic"))));

    @Test
    void matchesTheEpgIdIgnoringCase() {
        assertThat(index.resolve("bbc1.UK", "whatever")).contains(new GuideRef(1, 7, "BBC1.uk"));
    }

    @Test
    void theLowestSourceWinsForTheSameId() {
        assertThat(index.resolve("BBC1.UK", null).orElseThrow().sourceId()).isEqualTo(1);
    }

    @Test
    void fallsBackToTheNormalizedName() {
        assertThat(index.resolve(null, "tele 5")).contains(new GuideRef(1, 7, "tele5.fr"));
        assertThat(index.resolve("unknown.id", "SKY ATLANTIC")).contains(new GuideRef(2, 3, "other"));
        assertThat(index.resolve("", "BBC One London")).contains(new GuideRef(2, 3, "bbc1.uk"));
    }

    @Test
    void noGuideForAnUnknownChannel() {
        assertThat(index.resolve("nope", "Nothing Like It")).isEmpty();
        assertThat(GuideIndex.EMPTY.resolve("bbc1.uk", "BBC One")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({ "Télé 5 HD, tele5", "BBC One, bbcone", "  Canal+ FHD , canal", "Das Erste, daserste",
            "ARTE 4K, arte", "HDTV, hdtv" })
    void normalizesNames(String name, String expected) {
        assertThat(GuideIndex.normalize(name)).isEqualTo(expected);
    }
}
