package org.polyplex.restream.ffmpeg;

import java.nio.file.Path;

/**
 * What the filter graph needs of one image overlay: the PNG's checked path (a {@code movie}
 * source), its position in pixels from the top-left, a size factor, the opacity and its fades.
 */
public record ImageDraw(long id, Path png, int x, int y, double scale, double opacity, Fades fades) {

    /**
     * Seconds of fade-in and fade-out, and how long the image stays on (0: for good; otherwise it
     * has faded out by then), all counted from the start of the destination's ffmpeg.
     */
    public record Fades(double inSeconds, double outSeconds, double durationSeconds) {

        public static final Fades NONE = new Fades(0, 0, 0);

        public Fades {
            if (inSeconds < 0 || inSeconds > 60 || outSeconds < 0 || outSeconds > 60 || durationSeconds < 0
                    || durationSeconds > 86_400) {
                throw new IllegalArgumentException("image overlay fades out of range");
            }
        }

        /** Whether the image changes over time (then it needs a stream of frames, not one). */
        public boolean any() {
            return inSeconds > 0 || durationSeconds > 0;
        }
    }

    public ImageDraw {
        OverlayDraw.requireSafe(png.toString());
        if (x < 0 || y < 0 || scale <= 0 || scale > 10 || opacity < 0 || opacity > 1) {
            throw new IllegalArgumentException("image overlay numbers out of range");
        }
        if (fades == null) {
            fades = Fades.NONE;
        }
    }

    /** An image that is always on, without fades. */
    public ImageDraw(long id, Path png, int x, int y, double scale, double opacity) {
        this(id, png, x, y, scale, opacity, Fades.NONE);
    }
}
