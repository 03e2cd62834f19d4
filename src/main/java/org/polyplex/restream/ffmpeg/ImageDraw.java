package org.polyplex.restream.ffmpeg;

import java.nio.file.Path;

/**
 * What the filter graph needs of one image overlay: the PNG's checked path (a {@code movie}
 * source), its position in pixels from the top-left, a size factor and the opacity.
 */
public record ImageDraw(long id, Path png, int x, int y, double scale, double opacity) {

    public ImageDraw {
        OverlayDraw.requireSafe(png.toString());
        if (x < 0 || y < 0 || scale <= 0 || scale > 10 || opacity < 0 || opacity > 1) {
            throw new IllegalArgumentException("image overlay numbers out of range");
        }
    }
}
