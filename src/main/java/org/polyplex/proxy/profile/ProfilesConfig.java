package org.polyplex.proxy.profile;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Output profiles ({@code ?profile=NAME}): the ffmpeg they run, how many may run on this node, how
 * a transcoder is started, restarted and stopped, and the profiles an operator adds or replaces.
 * Each transcoder is one ffmpeg per channel and profile, shared by all of that pair's viewers.
 */
@ConfigMapping(prefix = "polyplex.profiles")
public interface ProfilesConfig {

    /** The ffmpeg executable (a path, or a name looked up on {@code PATH}); never run through a shell. */
    @WithDefault("ffmpeg")
    String ffmpeg();

    /**
     * Most transcoders (ffmpeg processes) running at once on this node, over all channels and
     * profiles; a viewer who would need one more is refused with 503. Each costs a CPU share (a
     * 720p libx264 encode is about a fifth of a core here); 0 turns every profile but
     * {@code passthrough} off.
     */
    @WithDefault("4")
    @Min(0)
    @Max(256)
    int maxProcesses();

    /**
     * Extra time a transcoder may take before its first byte and keyframe, on top of the proxy's
     * first-byte and keyframe bounds: ffmpeg probes its input and fills its encoder first.
     */
    @WithDefault("10s")
    @DurationMin(millis = 0)
    @DurationMax(minutes = 5)
    Duration startTimeout();

    /** After SIGTERM, how long a stopping ffmpeg may take to exit before it is killed (SIGKILL). */
    @WithDefault("3s")
    @DurationMin(millis = 1)
    @DurationMax(minutes = 1)
    Duration stopGrace();

    /** Lines of a transcoder's stderr kept (the last ones) for the error a failure reports. */
    @WithDefault("20")
    @Min(1)
    @Max(500)
    int stderrTailLines();

    /**
     * Bytes of the channel's stream queued for a transcoder's stdin. A transcoder that cannot keep up
     * loses chunks up to the next keyframe rather than slowing the channel or growing memory.
     */
    @WithDefault("4194304")
    @Min(65536)
    @Max(268435456)
    long inputQueueBytes();

    /** Bounded restarts of a pair's transcoder. */
    Restart restart();

    /**
     * Profiles added or replaced by name ({@code polyplex.profiles.custom.<name>.args}); a name is
     * 1 to 32 characters of {@code a-z 0-9 . _ -}, and {@code passthrough} cannot be replaced.
     */
    Map<String, Custom> custom();

    /** How often one pair's ffmpeg may start again after it died. */
    interface Restart {

        /**
         * Starts of one channel-and-profile transcoder allowed within {@link #window()}; the next
         * start within the window fails, and the profile's session ends once its outage bound is over.
         */
        @WithDefault("5")
        @Min(1)
        @Max(100)
        int maxStarts();

        /** The window {@link #maxStarts()} counts in. */
        @WithDefault("5m")
        @DurationMin(seconds = 1)
        @DurationMax(days = 1)
        Duration window();
    }

    /** One configured profile. */
    interface Custom {

        /** What the profile is, for {@code GET /api/profiles}. */
        Optional<String> description();

        /**
         * ffmpeg output arguments separated by white space (no quoting, no shell), such as
         * {@code -vf scale=-2:360 -c:v libx264 -preset veryfast -b:v 800k -c:a aac}; only the options
         * and values that {@code docs/profiles.md} lists are accepted (no files, URLs, inputs or formats).
         */
        String args();
    }
}
