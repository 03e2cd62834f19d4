package org.polyplex.playlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.polyplex.testsupport.TestConfigs;

import org.junit.jupiter.api.Test;

/** {@code polyplex.playlist.default-group}: a default players show, and refused values that would break the playlist. */
class PlaylistConfigTest {

    private static final String KEY = "polyplex.playlist.default-group";

    @Test
    void shouldDefaultToUncategorized() {
        assertThat(TestConfigs.defaults(PlaylistConfig.class).defaultGroup()).isEqualTo("Uncategorized");
        assertThat(TestConfigs.of(PlaylistConfig.class, Map.of(KEY, "Sans catégorie \u2014 \u0639\u0627\u0645")).defaultGroup())
                .isEqualTo("Sans catégorie \u2014 \u0639\u0627\u0645");
    }

    @Test
    void shouldRefuseToStartWhenTheGroupIsBlankOrWouldBreakTheAttribute() {
        for (String bad : new String[] { " ", "Say \"hi\"", "two\nlines", "cr\rhere" }) {
            assertThatThrownBy(() -> TestConfigs.of(PlaylistConfig.class, Map.of(KEY, bad))).as(bad)
                    .hasMessageContaining("default-group");
        }
    }
}
