package org.polyplex.restream.overlay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

import org.polyplex.restream.ffmpeg.OverlayDraw;

/**
 * The text files drawtext reads, one per overlay of a running restream (the overlay folder, then
 * the restream id, then the overlay id with {@code .txt}), each replaced
 * atomically (written to a temporary file beside it, then renamed over it with ATOMIC_MOVE), so
 * ffmpeg, which re-reads it before every frame, sees the old text or the new one, never half of
 * one. Blocking: call from worker threads.
 */
public final class OverlayFiles {

    private final Path root;

    /** @param root the configured folder; checked to be usable in a filter graph */
    public OverlayFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
        OverlayDraw.requireSafe(this.root.toString());
    }

    public Path root() {
        return root;
    }

    public Path file(long restreamId, long overlayId) {
        return folder(restreamId).resolve(overlayId + ".txt");
    }

    Path folder(long restreamId) {
        return root.resolve(Long.toString(restreamId));
    }

    /** Replaces the overlay's file with this text. */
    public void write(long restreamId, long overlayId, String text) {
        Path target = file(restreamId, overlayId);
        Path tmp = target.resolveSibling(overlayId + ".txt.tmp");
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the overlay file " + target, e);
        }
    }

    /** Removes the restream's folder and its files. */
    public void remove(long restreamId) {
        delete(folder(restreamId));
    }

    /** Removes every file (start-up: what a previous run left). */
    public void clear() {
        delete(root);
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }
}
