package org.polyplex.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The one AceStream id: how it is read from URLs, values and text, and written back. */
class AceStreamIdTest {

    private static final String ID = "0123456789abcdef0123456789abcdef01234567";
    private static final String UPPER = ID.toUpperCase();

    @Test
    void shouldReadTheCatalogsSourceUrlForm() {
        assertThat(AceStreamId.fromUrl("acestream://" + ID)).contains(new AceStreamId(ID));
        assertThat(AceStreamId.fromUrl("  ACESTREAM://" + UPPER + " ")).contains(new AceStreamId(ID));
        assertThat(AceStreamId.fromUrl(ID)).as("a bare id is no URL").isEmpty();
        assertThat(AceStreamId.fromUrl("acestream:" + ID)).isEmpty();
        assertThat(AceStreamId.fromUrl("acestream://" + ID + "/x")).isEmpty();
        assertThat(AceStreamId.fromUrl("acestream://" + ID.substring(1))).isEmpty();
        assertThat(AceStreamId.fromUrl("http://example.com/" + ID)).isEmpty();
        assertThat(AceStreamId.fromUrl(null)).isEmpty();
    }

    @Test
    void shouldReadEveryFormPeopleWrite() {
        for (String form : List.of(ID, UPPER, "acestream://" + ID, "acestream:" + ID, "AceStream://" + UPPER,
                "\t" + ID + "\n")) {
            assertThat(AceStreamId.parse(form)).as(form).contains(new AceStreamId(ID));
        }
        for (String bad : List.of("", "acestream://", "acestream:///" + ID, ID + "0", ID.replace('a', 'g'),
                "javascript:" + ID, "x".repeat(300))) {
            assertThat(AceStreamId.parse(bad)).as(bad).isEmpty();
        }
        assertThat(AceStreamId.parse(null)).isEmpty();
    }

    @Test
    void shouldWriteTheCanonicalForms() {
        AceStreamId id = AceStreamId.parse(UPPER).orElseThrow();
        assertThat(id.hex()).isEqualTo(ID);
        assertThat(id.toUrl()).isEqualTo("acestream://" + ID);
        assertThat(id.shortForm()).isEqualTo("01234567");
        assertThat(id).hasToString(ID);
        assertThat(AceStreamId.fromUrl(id.toUrl())).contains(id);
    }

    @Test
    void shouldHoldOnlyCanonicalDigits() {
        assertThatThrownBy(() -> new AceStreamId(UPPER)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AceStreamId("abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AceStreamId(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void shouldTellTheSchemeApart() {
        assertThat(AceStreamId.isAceStreamUrl("AceStream://anything")).isTrue();
        assertThat(AceStreamId.isAceStreamUrl("http://h/acestream://")).isFalse();
        assertThat(AceStreamId.isAceStreamUrl(null)).isFalse();
    }

    @Test
    void shouldFindIdsStandingAloneInText() {
        String other = "fedcba9876543210fedcba9876543210fedcba98";
        String text = "Sports 1: " + UPPER + " | News " + other + " and x" + ID + " and " + ID + "0";
        List<AceStreamId.Found> found = AceStreamId.findIn(text);
        assertThat(found).extracting(AceStreamId.Found::id).containsExactly(new AceStreamId(ID), new AceStreamId(other));
        assertThat(text.substring(found.get(0).start(), found.get(0).end())).isEqualTo(UPPER);
        assertThat(AceStreamId.findIn("short")).isEmpty();
        assertThat(AceStreamId.findIn(null)).isEmpty();
    }
}
