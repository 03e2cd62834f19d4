package org.polyplex.ingest.media;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The media playlist we serve, derived from the one ffmpeg writes: the same lines plus
 * {@code EXT-X-DISCONTINUITY-SEQUENCE}, which ffmpeg 5.1 never writes. Its value is the previous
 * public playlist's plus the discontinuities attached to segments that left the window since
 * (RFC 8216 §6.2.2), so it only grows across runs and restarts, with no state but the files. Pure.
 */
final class PublicPlaylist {

    static final String DSEQ = "#EXT-X-DISCONTINUITY-SEQUENCE:";
    private static final String MSEQ = "#EXT-X-MEDIA-SEQUENCE:";
    private static final String DISCONTINUITY = "#EXT-X-DISCONTINUITY";

    private PublicPlaylist() {
    }

    /**
     * @param ffmpeg the playlist ffmpeg wrote
     * @param previous the public playlist served so far, or "" when there is none
     */
    static String derive(String ffmpeg, String previous) {
        List<String> lines = ffmpeg.lines().toList();
        Set<String> now = new HashSet<>(segments(lines));
        long dseq = discontinuitySequence(previous);
        boolean pending = false;
        for (String line : previous.lines().toList()) {
            if (line.equals(DISCONTINUITY)) {
                pending = true;
            } else if (isSegment(line)) {
                if (pending && !now.contains(line.trim())) {
                    dseq++;
                }
                pending = false;
            }
        }
        StringBuilder out = new StringBuilder(ffmpeg.length() + 40);
        for (String line : lines) {
            if (line.startsWith(DSEQ)) {
                continue;
            }
            out.append(line).append('\n');
            if (line.startsWith(MSEQ)) {
                out.append(DSEQ).append(dseq).append('\n');
            }
        }
        return out.toString();
    }

    static long discontinuitySequence(String playlist) {
        for (String line : playlist.lines().toList()) {
            if (line.startsWith(DSEQ)) {
                try {
                    return Long.parseLong(line.substring(DSEQ.length()).trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    private static List<String> segments(List<String> lines) {
        return lines.stream().filter(PublicPlaylist::isSegment).map(String::trim).toList();
    }

    private static boolean isSegment(String line) {
        return !line.isBlank() && !line.startsWith("#");
    }
}
