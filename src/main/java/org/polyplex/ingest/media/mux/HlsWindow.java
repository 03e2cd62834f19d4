package org.polyplex.ingest.media.mux;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * A live media playlist's window (RFC 8216): the last {@code size} segments with their durations
 * and discontinuities, the media and discontinuity sequence numbers that advance as segments leave
 * it, and a target duration that never shrinks. A generation's later runs continue the window that
 * {@link #parse} reads back from the playlist, their first segment after a discontinuity. No
 * {@code EXT-X-ENDLIST}: the generation stays live between runs. Pure, not thread-safe.
 */
public final class HlsWindow {

    /** One listed segment. */
    public record Segment(String uri, double seconds, boolean discontinuity) {
    }

    private final int size;
    private final Deque<Segment> segments = new ArrayDeque<>();
    private long mediaSequence;
    private long discontinuitySequence;
    private int targetDuration;

    public HlsWindow(int size, int targetDuration) {
        if (size < 1 || targetDuration < 1) {
            throw new IllegalArgumentException("a window holds segments of a positive target duration");
        }
        this.size = size;
        this.targetDuration = targetDuration;
    }

    /** The window a playlist of ours describes (lines we do not write are ignored). */
    public static HlsWindow parse(String playlist, int size, int targetDuration) {
        HlsWindow w = new HlsWindow(size, targetDuration);
        double seconds = -1;
        boolean discontinuity = false;
        for (String line : playlist.split("\n")) {
            line = line.strip();
            try {
                if (line.startsWith("#EXT-X-MEDIA-SEQUENCE:")) {
                    w.mediaSequence = Long.parseLong(line.substring(22));
                } else if (line.startsWith("#EXT-X-DISCONTINUITY-SEQUENCE:")) {
                    w.discontinuitySequence = Long.parseLong(line.substring(30));
                } else if (line.startsWith("#EXT-X-TARGETDURATION:")) {
                    w.targetDuration = Math.max(w.targetDuration, Integer.parseInt(line.substring(22)));
                } else if (line.equals("#EXT-X-DISCONTINUITY")) {
                    discontinuity = true;
                } else if (line.startsWith("#EXTINF:")) {
                    int comma = line.indexOf(',');
                    seconds = Double.parseDouble(line.substring(8, comma < 0 ? line.length() : comma));
                } else if (!line.isEmpty() && !line.startsWith("#") && seconds >= 0) {
                    w.segments.addLast(new Segment(line, seconds, discontinuity));
                    seconds = -1;
                    discontinuity = false;
                }
            } catch (NumberFormatException e) {
                // a line we did not write: skipped
            }
        }
        w.trim(new ArrayList<>());
        return w;
    }

    /** Media sequence number the next segment gets. */
    public long nextSequence() {
        return mediaSequence + segments.size();
    }

    public boolean isEmpty() {
        return segments.isEmpty();
    }

    public List<Segment> segments() {
        return List.copyOf(segments);
    }

    /** Appends a segment; answers the URIs that left the window (their files can go). */
    public List<String> add(Segment segment) {
        segments.addLast(segment);
        targetDuration = Math.max(targetDuration, (int) Math.round(segment.seconds()));
        List<String> gone = new ArrayList<>();
        trim(gone);
        return gone;
    }

    private void trim(List<String> gone) {
        while (segments.size() > size) {
            Segment s = segments.removeFirst();
            mediaSequence++;
            // the discontinuity sequence counts the discontinuity tags that left the window (RFC 8216 6.2.2)
            if (s.discontinuity()) {
                discontinuitySequence++;
            }
            gone.add(s.uri());
        }
    }

    /** The playlist text. */
    public String text() {
        StringBuilder b = new StringBuilder(128 + segments.size() * 48);
        b.append("#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-TARGETDURATION:").append(targetDuration).append('\n');
        b.append("#EXT-X-MEDIA-SEQUENCE:").append(mediaSequence).append('\n');
        b.append("#EXT-X-DISCONTINUITY-SEQUENCE:").append(discontinuitySequence).append('\n');
        b.append("#EXT-X-INDEPENDENT-SEGMENTS\n");
        for (Segment s : segments) {
            if (s.discontinuity()) {
                b.append("#EXT-X-DISCONTINUITY\n");
            }
            b.append("#EXTINF:").append(String.format(Locale.ROOT, "%.3f", s.seconds())).append(",\n");
            b.append(s.uri()).append('\n');
        }
        return b.toString();
    }
}
