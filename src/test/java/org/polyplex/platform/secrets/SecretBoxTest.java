package org.polyplex.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

    @TempDir
    Path dir;

    @Test
    void shouldRecoverWhatItSealedAndNeverStoreItInClear() {
        SecretBox box = new SecretBox(config(Optional.empty(), dir.resolve("secret.key")));
        String sealed = box.encrypt("live_4f2b-stream-key");
        assertThat(sealed).startsWith("v1:").doesNotContain("live_4f2b");
        assertThat(box.encrypt("live_4f2b-stream-key")).as("a fresh IV each time").isNotEqualTo(sealed);
        assertThat(box.decrypt(sealed)).isEqualTo("live_4f2b-stream-key");
    }

    @Test
    void shouldGenerateAnOwnerOnlyKeyOnceAndReuseIt() throws IOException {
        Path file = dir.resolve("secret.key");
        String sealed = new SecretBox(config(Optional.empty(), file)).encrypt("pw");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
        assertThat(new SecretBox(config(Optional.empty(), file)).decrypt(sealed)).isEqualTo("pw");
    }

    @Test
    void shouldRefuseAnotherKeyOrATamperedValueWithoutSayingWhatItHeld() {
        String sealed = new SecretBox(config(Optional.empty(), dir.resolve("a.key"))).encrypt("hunter2");
        SecretBox other = new SecretBox(
                config(Optional.of(Base64.getEncoder().encodeToString(new byte[32])), dir.resolve("b.key")));
        assertThatThrownBy(() -> other.decrypt(sealed)).hasMessageNotContaining("hunter2").hasMessageContaining("key");
        assertThatThrownBy(() -> other.decrypt("plain text")).hasMessageContaining("unknown format");
        assertThat(dir.resolve("b.key")).as("a configured key needs no file").doesNotExist();
    }

    @Test
    void shouldRefuseAKeyOfTheWrongSize() {
        SecretBox box = new SecretBox(
                config(Optional.of(Base64.getEncoder().encodeToString(new byte[7])), dir.resolve("c.key")));
        assertThatThrownBy(() -> box.encrypt("x")).hasMessageContaining("polyplex.secrets.key must be 16 or 32 bytes");
    }

    private static SecretsConfig config(Optional<String> key, Path file) {
        return new Fixed(key, file.toString());
    }

    private record Fixed(Optional<String> key, String keyFile) implements SecretsConfig {
    }
}
