package org.polyplex.platform.process;

import java.time.Instant;

/**
 * One progress block of a process. Values ffmpeg reports as {@code N/A} are -1.
 *
 * @param bitrateKbps output bitrate in kbit/s
 * @param speed encoding speed relative to real time (1.0 = real time)
 * @param outTimeUs media time written so far, in microseconds
 */
public record Progress(long frame, double fps, double bitrateKbps, double speed, long outTimeUs, boolean end,
        Instant at) {
}
