package org.polyplex.restream.ffmpeg;

import java.time.Instant;
import java.util.List;

/**
 * The last H.264 encoder detection: every candidate with whether its test encode worked and why
 * not, and the encoder encoded profiles use (the first working one; {@code libx264} before any
 * detection finished). {@code detectedAt} is null and {@code detecting} true while the first runs.
 */
public record EncoderReport(List<Encoder> h264, String selected, Instant detectedAt, boolean detecting) {

    /** One candidate's outcome; {@code reason} is null when it works. */
    public record Encoder(String name, boolean working, String reason) {
    }
}
