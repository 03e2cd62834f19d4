package org.polyplex.restream.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The overlay text files: replaced whole, no temporary left, removed per restream and at start-up. */
class OverlayFilesTest {

    @Test
    void shouldReplaceTheFileWholeAndRemoveARestreamsFolder(@TempDir Path dir) throws Exception {
        OverlayFiles files = new OverlayFiles(dir.resolve("ov"));
        files.write(5, 50, "first");
        files.write(5, 50, "second é");
        files.write(6, 60, "other");
        assertThat(Files.readString(files.file(5, 50))).isEqualTo("second é");
        try (var list = Files.list(files.file(5, 50).getParent())) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactly("50.txt");
        }
        files.remove(5);
        assertThat(files.file(5, 50).getParent()).doesNotExist();
        assertThat(files.file(6, 60)).exists();
        files.clear();
        assertThat(files.root()).doesNotExist();
        files.remove(99);
    }

    @Test
    void shouldRefuseAFolderAFilterGraphCannotCarry(@TempDir Path dir) {
        assertThatThrownBy(() -> new OverlayFiles(dir.resolve("a:b"))).isInstanceOf(IllegalArgumentException.class);
    }
}
