package org.polyplex.catalog.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdminEditsTest {

    private static Channel stored() {
        Channel channel = new Channel();
        channel.id = 7L;
        channel.name = "Listed";
        channel.logoUrl = "http://logos.example/a.png";
        channel.number = 5;
        return channel;
    }

    @Test
    void shouldMarkAChangedNameLogoOrNumberAsAnEdit() {
        assertThat(AdminEdits.marksEdited(stored(), "Admin", "http://logos.example/a.png", 5)).isTrue();
        assertThat(AdminEdits.marksEdited(stored(), "Listed", null, 5)).isTrue();
        assertThat(AdminEdits.marksEdited(stored(), "Listed", "http://logos.example/a.png", 6)).isTrue();
    }

    @Test
    void shouldNotMarkACreationOrAnUnchangedWriteButKeepAnEarlierMark() {
        Channel fresh = new Channel();
        assertThat(AdminEdits.marksEdited(fresh, "New", null, null)).isFalse();
        assertThat(AdminEdits.marksEdited(stored(), "Listed", "http://logos.example/a.png", 5)).isFalse();
        Channel edited = stored();
        edited.manuallyEdited = true;
        assertThat(AdminEdits.marksEdited(edited, "Listed", "http://logos.example/a.png", 5)).isTrue();
    }

    @Test
    void shouldLetImportsChangeLabelsOnlyOfUneditedChannelsAndOnlyToListedValues() {
        assertThat(AdminEdits.imported(false, "Old", "New")).isEqualTo("New");
        assertThat(AdminEdits.imported(false, "Old", null)).isEqualTo("Old");
        assertThat(AdminEdits.imported(true, "Old", "New")).isEqualTo("Old");
    }
}
