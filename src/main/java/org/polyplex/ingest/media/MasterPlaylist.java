package org.polyplex.ingest.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The multivariant playlist of a generation ({@code index.m3u8} beside the rendition directories),
 * written by us, atomically (temp file + rename). The source's bandwidth is not known before it is
 * measured, so it is declared as twice the largest variant's (at least 6 Mbit/s): players pick it
 * as the best rendition, which it is.
 */
final class MasterPlaylist {

    static final int SOURCE_FLOOR_KBPS = 6000;

    private MasterPlaylist() {
    }

    static String text(List<Rendition> renditions) {
        int largest = renditions.stream().mapToInt(Rendition::videoKbps).max().orElse(0);
        StringBuilder s = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        for (Rendition r : renditions) {
            int kbps = r.copy() ? Math.max(SOURCE_FLOOR_KBPS, 2 * largest) : r.videoKbps() + Rendition.AUDIO_KBPS;
            s.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(kbps * 1000L).append('\n');
            s.append(r.name()).append('/').append(SpoolLayout.PLAYLIST).append('\n');
        }
        return s.toString();
    }

    static void write(Path generationDir, List<Rendition> renditions) throws IOException {
        Path tmp = generationDir.resolve(SpoolLayout.PLAYLIST + ".tmp");
        Files.writeString(tmp, text(renditions), StandardCharsets.UTF_8);
        Files.move(tmp, generationDir.resolve(SpoolLayout.PLAYLIST), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }
}
