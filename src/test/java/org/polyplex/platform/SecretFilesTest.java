package org.polyplex.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {

    @Test
    void shouldCreateTheFileForItsOwnerOnlyWithNothingLeftBehind(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("keys/secret.key");
        SecretFiles.writeOwnerOnly(key, "c2VjcmV0");
        assertThat(Files.readString(key)).isEqualTo("c2VjcmV0");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        try (var files = Files.list(key.getParent())) {
            assertThat(files).containsExactly(key);
        }
    }

    @Test
    void shouldReplaceAnExistingFileAndKeepItPrivate(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("secret.key");
        Files.writeString(key, "old");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        SecretFiles.writeOwnerOnly(key, "new");
        assertThat(Files.readString(key)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }
}
