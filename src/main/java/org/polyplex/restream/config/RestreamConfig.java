package org.polyplex.restream.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Restreaming: a channel sent live to RTMP(S) destinations, one supervised ffmpeg per destination. */
@ConfigMapping(prefix = "polyplex.restream")
public interface RestreamConfig {

    /** The ffmpeg executable (default {@code ffmpeg}, found on the PATH). */
    @WithDefault("ffmpeg")
    @NotBlank
    String ffmpeg();

    /** Destinations one restream may send to (default 8): each is one ffmpeg, plus one per shared encode. */
    @WithDefault("8")
    @Min(1)
    @Max(32)
    int maxDestinations();

    /** Restreams running at once on this node (default 16); one more start answers 409. */
    @WithDefault("16")
    @Min(1)
    @Max(256)
    int maxRunning();

    /**
     * Bytes of the channel's TS waiting for one destination's ffmpeg (default 4 MiB, about 8 s of a
     * 4 Mbit/s channel). Past it that destination alone drops chunks and resumes at the next
     * keyframe: a slow destination never holds back the session or the other destinations.
     */
    @WithDefault("4194304")
    @Min(65_536)
    @Max(268_435_456)
    long queueBytes();

    /**
     * Destinations of one restream with the same encoded profile and audio mode share one encode
     * (default true): one ffmpeg encodes, and each destination's own ffmpeg copies its output to
     * its server, so three 720p destinations cost one 720p encode. Off: every encoded destination
     * encodes for itself.
     */
    @WithDefault("true")
    boolean shareEncodes();

    /** Retries of a dropped destination: exponential backoff and a bound on attempts. */
    Retry retry();

    /**
     * A destination whose ffmpeg writes no new frame for this long while the channel feeds it is
     * restarted (default 15 s); also the supervisor's bound on progress reports.
     */
    @WithDefault("15s")
    @DurationMin(seconds = 2)
    @DurationMax(minutes = 5)
    Duration stallTimeout();

    /** An attempt that has sent no frame after this long counts as failed (default 20 s). */
    @WithDefault("20s")
    @DurationMin(seconds = 2)
    @DurationMax(minutes = 5)
    Duration startTimeout();

    /**
     * How much of the channel a destination's ffmpeg reads to learn its streams before it sends
     * (default 1 s; ffmpeg's own 5 s is most of a restart's time). The feed starts on a keyframe
     * with its PAT and PMT, so a second is plenty unless a source's audio lags its video by more.
     */
    @WithDefault("1s")
    @DurationMin(millis = 100)
    @DurationMax(seconds = 10)
    Duration inputAnalyze();

    /** Time an ffmpeg gets to stop after SIGTERM before SIGKILL (default 3 s). */
    @WithDefault("3s")
    @DurationMin(millis = 100)
    @DurationMax(seconds = 60)
    Duration stopGrace();

    /**
     * When the channel's session ends (all sources down), the tap is asked for again after this (default 2 s, doubling up to 30
     * s).
     */
    @WithDefault("2s")
    @DurationMin(millis = 100)
    @DurationMax(minutes = 5)
    Duration sourceRetry();

    /** Hardware encoder detection. */
    Encoders encoders();

    /** Stepping encoded profiles down when the machine or a destination cannot keep up. */
    Degrade degrade();

    /**
     * Degraded mode: an encoded destination steps one profile down (1080p, 720p, 480p) when the
     * machine's CPU or its own ffmpeg's speed stays past a bound, and one step back up after a calm
     * spell. Copy destinations never step: they do not encode.
     */
    interface Degrade {

        /** Step profiles down and up by themselves (default true). */
        @WithDefault("true")
        boolean enabled();

        /** Machine CPU use (0 to 1, all cores) that counts as overloaded (default 0.9). */
        @WithDefault("0.9")
        @DecimalMin("0.1")
        @DecimalMax("1.0")
        double maxCpu();

        /** ffmpeg speed below which a destination is falling behind real time (default 0.95). */
        @WithDefault("0.95")
        @DecimalMin("0.1")
        @DecimalMax("1.0")
        double minSpeed();

        /** How long the CPU or the speed must stay past its bound before a step down (default 30 s). */
        @WithDefault("30s")
        @DurationMin(seconds = 1)
        @DurationMax(minutes = 30)
        Duration after();

        /** Machine CPU use under which a stepped-down destination may step back up (default 0.6). */
        @WithDefault("0.6")
        @DecimalMin("0.05")
        @DecimalMax("1.0")
        double recoverCpu();

        /** How long the CPU and the speed must stay calm before a step back up (default 5 min). */
        @WithDefault("5m")
        @DurationMin(seconds = 1)
        @DurationMax(hours = 6)
        Duration recoverAfter();
    }

    /** Text overlays drawn on encoded profiles (docs/restream.md, "Overlays"). */
    Overlay overlay();

    /** Bounds and places of overlays. */
    interface Overlay {

        /** Overlays one restream may have (default 8): each is one drawtext filter in every encoded ffmpeg. */
        @WithDefault("8")
        @Min(1)
        @Max(32)
        int maxPerRestream();

        /** Longest overlay text or template, and longest named value, in characters (default 500). */
        @WithDefault("500")
        @Min(1)
        @Max(4000)
        int maxTextLength();

        /** Named template values one restream may have (default 32). */
        @WithDefault("32")
        @Min(0)
        @Max(256)
        int maxValues();

        /**
         * Folder of the rendered text files ffmpeg's drawtext reads (default
         * {@code data/spool/restream-overlays}; one sub-folder per running restream, emptied at start-up).
         * Letters, digits and {@code / . _ + -} only: the path is put into the filter graph.
         */
        @WithDefault("data/spool/restream-overlays")
        @NotBlank
        String dir();

        /**
         * Font file of the text (empty by default: drawtext asks fontconfig for its default Sans,
         * DejaVu Sans on Debian). Same character rule as {@code dir}.
         */
        Optional<String> fontFile();

        /** Folder of the PNG assets of image overlays, one file per asset id (default {@code data/assets}). */
        @WithDefault("data/assets")
        @NotBlank
        String assetDir();

        /** Largest PNG asset in bytes (default 2 MiB); a larger upload answers 413. */
        @WithDefault("2097152")
        @Min(1024)
        @Max(33_554_432)
        int assetMaxBytes();

        /** Assets stored at most (default 200); one more answers 409. */
        @WithDefault("200")
        @Min(1)
        @Max(100_000)
        int maxAssets();

        /** Time zone of the {@code {time}} and {@code {date}} template fields (default UTC). */
        @WithDefault("UTC")
        ZoneId timeZone();
    }

    /** Bounds of the retries of one destination. */
    interface Retry {

        /** First backoff after a destination drops (default 2 s); each further failure doubles it. */
        @WithDefault("2s")
        @DurationMin(millis = 100)
        @DurationMax(minutes = 10)
        Duration initialDelay();

        /** Longest backoff (default 60 s). */
        @WithDefault("60s")
        @DurationMin(millis = 100)
        @DurationMax(hours = 1)
        Duration maxDelay();

        /**
         * Failed attempts in a row before the destination is {@code failed} (default 20, about 15 min
         * with the default delays); a start or restart of the restream tries again.
         */
        @WithDefault("20")
        @Min(1)
        @Max(10_000)
        int maxAttempts();

        /**
         * A destination live this long has recovered: its next failure starts the backoff from the
         * first delay again (default 30 s). Shorter live spells keep growing the backoff, so a server
         * that accepts and drops at once cannot make the retries spin.
         */
        @WithDefault("30s")
        @DurationMin(seconds = 1)
        @DurationMax(hours = 1)
        Duration resetAfter();
    }

    /** The H.264 encoder probe. */
    interface Encoders {

        /** Probe the encoders in the background at start-up (default true). */
        @WithDefault("true")
        boolean detectAtStartup();

        /** Time one test encode of an encoder may take before it counts as not working (default 15 s). */
        @WithDefault("15s")
        @DurationMin(seconds = 1)
        @DurationMax(minutes = 2)
        Duration probeTimeout();
    }
}
