package org.polyplex.platform.process;

import java.time.Instant;

/**
 * One progress block of a process. Values ffmpeg reports as {@code N/A} are -1.
 *
 * @param bitrateKbps output bitrate in kbit/s
 * @param speed encoding speed relative to real time (1.0 = real time)
 * @param outTimeUs media time written so far, in microseconds
 * @param droppedFrames frames ffmpeg dropped so far ({@code drop_frames})
 * @param duplicatedFrames frames ffmpeg duplicated so far ({@code dup_frames})
 */
public record Progress(long frame, double fps, double bitrateKbps, double speed, long outTimeUs, boolean end,
        Instant at, long droppedFrames, long duplicatedFrames) {

    /** A block without the frame drop and duplication counts. */
    public Progress(long frame, double fps, double bitrateKbps, double speed, long outTimeUs, boolean end,
            Instant at) {
        this(frame, fps, bitrateKbps, speed, outTimeUs, end, at, -1, -1);
    }
}
