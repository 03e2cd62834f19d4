package org.polyplex.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes key and secret files that only their owner may read, from the first byte: the file is
 * created with mode {@code 0600} (never created readable and narrowed afterwards), written, then
 * moved into place atomically so a crash never leaves half a key.
 */
public final class SecretFiles {

    private SecretFiles() {
    }

    /** Writes {@code content} (ASCII) to {@code file}, creating its folders; replaces an existing file. */
    public static void writeOwnerOnly(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = posix() ? Files.createTempFile(dir, ".secret-", ".tmp", ownerOnly())
                : Files.createTempFile(dir, ".secret-", ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.US_ASCII);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<?> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    }
}
