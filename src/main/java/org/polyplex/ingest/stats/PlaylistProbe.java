package org.polyplex.ingest.stats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;

import io.quarkus.logging.Log;

/**
 * Reads a rendition playlist's last-modified time and the time of the last segment it names (that
 * segment file's last-modified time). Blocking file access: worker threads only. Reads at most
 * {@value #MAX_BYTES} bytes of the playlist.
 */
final class PlaylistProbe {

    static final int MAX_BYTES = 256 * 1024;

    private PlaylistProbe() {
    }

    /** What the files say; both null when the playlist does not exist or cannot be read. */
    record PlaylistFiles(Instant playlistAt, Instant lastSegmentAt) {
    }

    static PlaylistFiles probe(Path playlist) {
        Instant playlistAt;
        try {
            playlistAt = Files.getLastModifiedTime(playlist).toInstant();
        } catch (NoSuchFileException e) {
            return new PlaylistFiles(null, null);
        } catch (IOException e) {
            Log.debugf("stats: cannot read %s: %s", playlist, e.getMessage());
            return new PlaylistFiles(null, null);
        }
        return new PlaylistFiles(playlistAt, lastSegment(playlist));
    }

    private static Instant lastSegment(Path playlist) {
        String text;
        try (InputStream in = Files.newInputStream(playlist)) {
            text = new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
        String uri = lastUri(text);
        if (uri == null || uri.contains("/") || uri.contains("\\") || uri.contains("?")) {
            return null; // only plain names beside the playlist, as the packager writes them
        }
        try {
            return Files.getLastModifiedTime(playlist.resolveSibling(uri)).toInstant();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The last URI line of a media playlist, or null. */
    static String lastUri(String text) {
        String last = null;
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                last = t;
            }
        }
        return last;
    }
}
