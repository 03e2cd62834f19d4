package org.polyplex.restream.ffmpeg;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the filter graph needs of one text overlay: only numbers, validated colours and the path of
 * the file holding its text (never the text). Equal draws mean an equal filter graph: a change of
 * text alone leaves the draws equal, so no ffmpeg restarts.
 *
 * @param textFile absolute path of the file drawtext reloads each frame
 * @param x pixels from the left of the encoded picture
 * @param y pixels from the top
 * @param color {@code #rrggbb}
 * @param boxColor {@code #rrggbb} of a box behind the text, or null
 * @param durationSeconds seconds on air after the ffmpeg starts (0: always)
 */
public record OverlayDraw(long id, Path textFile, int x, int y, int fontSize, String color, String boxColor,
        double opacity, double fadeInSeconds, double fadeOutSeconds, double durationSeconds) {

    /** Characters a path may have to be put into a filter graph as it is (no escaping needed). */
    public static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9/._+-]+");

    static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    public OverlayDraw {
        requireSafe(textFile.toString());
        if (!COLOR.matcher(color).matches() || boxColor != null && !COLOR.matcher(boxColor).matches()) {
            throw new IllegalArgumentException("colours are #rrggbb");
        }
        if (x < 0 || y < 0 || fontSize < 1 || opacity < 0 || opacity > 1 || fadeInSeconds < 0 || fadeOutSeconds < 0
                || durationSeconds < 0) {
            throw new IllegalArgumentException("overlay numbers out of range");
        }
    }

    /** The path as it is when it is safe for a filter graph; an IllegalArgumentException otherwise. */
    public static String requireSafe(String path) {
        if (!SAFE_PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("path " + path
                    + " has characters a filter graph would read as syntax (use letters, digits and / . _ + -)");
        }
        return path;
    }

    /** The font option, when a font file is configured. */
    static Optional<String> font(Optional<String> fontFile) {
        return fontFile.filter(f -> !f.isBlank()).map(OverlayDraw::requireSafe);
    }
}
