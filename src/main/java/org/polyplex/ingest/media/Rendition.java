package org.polyplex.ingest.media;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HLS rendition of a stream: {@code source} (the publisher's video and audio copied, never
 * re-encoded) or an encoded variant scaled to {@code height} lines at {@code videoKbps}.
 *
 * @param name the rendition's directory name ({@code source}, {@code 720p}, ...)
 * @param height 0 for the source
 */
public record Rendition(String name, int height, int videoKbps) {

    public static final Rendition SOURCE = new Rendition("source", 0, 0);

    /** Audio bitrate of encoded variants, in kbit/s. */
    public static final int AUDIO_KBPS = 128;

    private static final Pattern SPEC = Pattern.compile("(\\d{3,4})p:(\\d{2,6})k");

    public Rendition {
        if (!"source".equals(name) && !name.matches("\\d{3,4}p")) {
            throw new IllegalArgumentException("a rendition is named source or <height>p: " + name);
        }
    }

    public boolean copy() {
        return height == 0;
    }

    /**
     * Parses an encoded variant, {@code <height>p:<kbps>k} (e.g. {@code 720p:2800k}): height 144 to
     * 2160 lines, 100 to 50,000 kbit/s.
     */
    public static Rendition parse(String text) {
        Matcher m = SPEC.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "a rendition reads <height>p:<kbps>k, e.g. 720p:2800k, not '" + text.trim() + "'");
        }
        int height = Integer.parseInt(m.group(1));
        int kbps = Integer.parseInt(m.group(2));
        if (height < 144 || height > 2160 || height % 2 != 0) {
            throw new IllegalArgumentException("a rendition's height is an even 144..2160: " + text.trim());
        }
        if (kbps < 100 || kbps > 50_000) {
            throw new IllegalArgumentException("a rendition's bitrate is 100k..50000k: " + text.trim());
        }
        return new Rendition(height + "p", height, kbps);
    }
}
