package org.polyplex.ingest.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.polyplex.ingest.media.MediaConfig.Packager;

import org.junit.jupiter.api.Test;

class PackagerChoiceTest {

    @Test
    void shouldRemuxTheSourceAloneAndUseFfmpegForVariants() {
        assertThat(PackagerChoice.resolve(Packager.AUTO, false)).isEqualTo(Packager.REMUX);
        assertThat(PackagerChoice.resolve(Packager.AUTO, true)).isEqualTo(Packager.FFMPEG);
        assertThat(PackagerChoice.resolve(Packager.FFMPEG, false)).isEqualTo(Packager.FFMPEG);
        assertThat(PackagerChoice.resolve(Packager.REMUX, false)).isEqualTo(Packager.REMUX);
    }

    @Test
    void shouldRefuseToRemuxWhenVariantsAreConfigured() {
        assertThatThrownBy(() -> PackagerChoice.resolve(Packager.REMUX, true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("polyplex.ingest.renditions");
    }
}
