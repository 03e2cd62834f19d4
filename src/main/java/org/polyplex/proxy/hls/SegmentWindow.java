package org.polyplex.proxy.hls;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;

import io.vertx.core.buffer.Buffer;

/**
 * The segments of HLS output: cuts one channel's TS chunk stream (the
 * session's keyframe-aligned chunks) into HLS segments at keyframes, each at least the target
 * duration long, and keeps the newest in a window bounded by count and bytes. Each segment is
 * assembled once and then shared read-only by every reader. Durations come from the video PTS of
 * the keyframes; where the PTS jumps (a splice or a source change) the wall clock is used and the
 * next segment is marked as a discontinuity. Not thread-safe: confined to the session's context.
 */
public final class SegmentWindow {

    /** One finished segment. */
    public record Segment(long sequence, double seconds, boolean discontinuity, Buffer bytes) {
    }

    private static final long PTS_CLOCK = 90_000;
    private static final long MAX_PTS_STEP = 60 * PTS_CLOCK;

    private final double target;
    private final int maxSegments;
    private final long maxBytes;
    private final LongSupplier nanoTime;
    private final ArrayDeque<Segment> window = new ArrayDeque<>();
    private final List<Buffer> open = new ArrayList<>();
    private long openBytes;
    private long openPts = -1;
    private long openNanos;
    private boolean openDiscontinuity;
    private long nextSequence;
    private long windowBytes;
    private long droppedDiscontinuities;

    public SegmentWindow(Duration target, int maxSegments, long maxBytes, LongSupplier nanoTime) {
        this.target = target.toMillis() / 1000.0;
        this.maxSegments = maxSegments;
        this.maxBytes = maxBytes;
        this.nanoTime = nanoTime;
    }

    /** The next chunk of the session; {@code keyframe} chunks start with PAT, PMT and a keyframe. */
    public void chunk(Buffer packets, boolean keyframe) {
        if (open.isEmpty() && !keyframe) {
            return;
        }
        if (keyframe) {
            long pts = Pts.ofKeyframe(packets);
            long now = nanoTime.getAsLong();
            if (open.isEmpty()) {
                start(pts, now, false);
            } else {
                long step = pts < 0 || openPts < 0 ? -1 : pts - openPts;
                boolean jump = step < 0 || step > MAX_PTS_STEP;
                double seconds = jump ? (now - openNanos) / 1e9 : step / (double) PTS_CLOCK;
                if (jump || seconds >= target) {
                    finish(seconds);
                    start(pts, now, jump);
                }
            }
        }
        open.add(packets);
        openBytes += packets.length();
    }

    private void start(long pts, long now, boolean discontinuity) {
        openPts = pts;
        openNanos = now;
        openDiscontinuity = discontinuity;
    }

    private void finish(double seconds) {
        Buffer bytes = Buffer.buffer((int) openBytes);
        for (Buffer b : open) {
            bytes.appendBuffer(b);
        }
        open.clear();
        openBytes = 0;
        window.addLast(new Segment(nextSequence++, seconds, openDiscontinuity, bytes));
        windowBytes += bytes.length();
        while (window.size() > maxSegments || (windowBytes > maxBytes && window.size() > 1)) {
            Segment dropped = window.removeFirst();
            windowBytes -= dropped.bytes().length();
            if (dropped.discontinuity()) {
                droppedDiscontinuities++;
            }
        }
    }

    /** A segment still in the window. */
    public Optional<Segment> segment(long sequence) {
        Segment first = window.peekFirst();
        if (first == null || sequence < first.sequence() || sequence > window.peekLast().sequence()) {
            return Optional.empty();
        }
        for (Segment s : window) {
            if (s.sequence() == sequence) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Segments finished so far (the next one's sequence number). */
    public long produced() {
        return nextSequence;
    }

    public int size() {
        return window.size();
    }

    /**
     * The live media playlist of the window; segment URIs are {@code prefix + sequence + suffix}
     * (the caller puts a viewer token in {@code suffix}). Empty while no segment is finished.
     */
    public Optional<String> playlist(String prefix, String suffix) {
        if (window.isEmpty()) {
            return Optional.empty();
        }
        double longest = window.stream().mapToDouble(Segment::seconds).max().orElse(target);
        StringBuilder text = new StringBuilder(256 + window.size() * 64).append("#EXTM3U\n#EXT-X-VERSION:3\n")
                .append("#EXT-X-TARGETDURATION:").append((long) Math.ceil(Math.max(longest, target))).append('\n')
                .append("#EXT-X-MEDIA-SEQUENCE:").append(window.peekFirst().sequence()).append('\n');
        // The first segment's own discontinuity tag is not written, so it counts as passed.
        long discontinuities = droppedDiscontinuities + (window.peekFirst().discontinuity() ? 1 : 0);
        if (discontinuities > 0) {
            text.append("#EXT-X-DISCONTINUITY-SEQUENCE:").append(discontinuities).append('\n');
        }
        boolean first = true;
        for (Segment s : window) {
            if (s.discontinuity() && !first) {
                text.append("#EXT-X-DISCONTINUITY\n");
            }
            first = false;
            text.append(String.format(Locale.ROOT, "#EXTINF:%.3f,\n", s.seconds())).append(prefix)
                    .append(s.sequence()).append(suffix).append('\n');
        }
        return Optional.of(text.toString());
    }
}
