package org.polyplex.catalog.probe;

import java.time.Duration;

/**
 * What one test of a source found: reachable with its container and first video and audio
 * streams, or the reason it failed. {@code url} is the source with its credentials masked, and
 * {@code error} has every URL in it masked: both may be shown to people.
 *
 * @param container ffprobe's format name ({@code mpegts}, {@code hls}), or null
 * @param videoCodec codec of the first video stream, or null when there is none
 * @param width pixels, 0 when unknown
 * @param audioCodec codec of the first audio stream, or null when there is none
 */
public record ProbeReport(String url, boolean reachable, String error, String container, String videoCodec,
        int width, int height, String audioCodec, Duration took) {

    static ProbeReport failed(String url, String error, Duration took) {
        return new ProbeReport(url, false, error, null, null, 0, 0, null, took);
    }

    /** {@code 1280×720}, or an empty string when unknown. */
    public String resolution() {
        return width > 0 && height > 0 ? width + "×" + height : "";
    }

    /** Milliseconds the test took. */
    public long millis() {
        return took.toMillis();
    }
}
