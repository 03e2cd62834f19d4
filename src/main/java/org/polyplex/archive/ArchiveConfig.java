package org.polyplex.archive;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Continuous recording of archived channels (catch-up): where, in what pieces, how much. */
@ConfigMapping(prefix = "polyplex.archive")
public interface ArchiveConfig {

    /**
     * Directory of the recordings, one sub-directory per channel id (relative to the working
     * directory unless absolute). Default {@code data/archive}.
     */
    @WithDefault("data/archive")
    @NotBlank
    String dir();

    /**
     * Length of one archive file (default 60 s). A file is cut at the first keyframe past it, so
     * files run a GOP longer at most. Shorter files prune and seek more finely, longer ones mean
     * fewer files: a 30-day window of 60 s files is 43,200 files per channel.
     */
    @WithDefault("60s")
    @DurationMin(seconds = 2)
    @DurationMax(hours = 1)
    Duration fileDuration();

    /**
     * Disk quota over all channels, in bytes (default 50 GiB). Past it the oldest files go first,
     * whatever their channel; a write that fails (disk full) also deletes the oldest file.
     */
    @WithDefault("53687091200")
    @Min(1_048_576)
    long maxBytes();

    /**
     * Bytes a channel's recording may have waiting for the disk (default 8 MiB, about 30 s of an
     * 2 Mbit/s channel). Past it chunks are dropped, the gap is counted and the recording goes on
     * in a new file at the next keyframe: a slow disk never holds the live session back.
     */
    @WithDefault("8388608")
    @Min(65_536)
    @Max(1_073_741_824)
    long queueBytes();

    /**
     * Threads writing archive files, shared by all recorded channels (default 2); each channel's
     * chunks are written in order by one of them at a time.
     */
    @WithDefault("2")
    @Min(1)
    @Max(64)
    int writerThreads();

    /**
     * How often files past their channel's window are deleted (default 5 min). Repeated as a raw
     * property in application.properties because scheduler expressions read raw properties.
     */
    @WithDefault("5m")
    @DurationMin(seconds = 1)
    Duration pruneEvery();

    /**
     * How long the files of a channel that is no longer archived (archive turned off, channel
     * disabled or deleted) are kept (default 24 h): a channel disabled for a moment keeps its
     * archive, a deleted one does not fill the disk until the quota catches it.
     */
    @WithDefault("24h")
    @DurationMin(millis = 0)
    @DurationMax(days = 31)
    Duration unarchivedRetention();

    /** Re-opening the recording when the channel's session ended (all its sources down). */
    Retry retry();

    /** Bounded exponential backoff between attempts to re-open a channel's recording. */
    interface Retry {

        /** First wait after the session ended (default 1 s); doubled on each failure. */
        @WithDefault("1s")
        @DurationMin(millis = 10)
        @DurationMax(minutes = 10)
        Duration initialDelay();

        /** Longest wait between attempts (default 60 s); the recorder never gives up on an archived channel. */
        @WithDefault("60s")
        @DurationMin(millis = 10)
        @DurationMax(hours = 1)
        Duration maxDelay();
    }
}
