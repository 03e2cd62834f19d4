package org.polyplex.restream.ffmpeg;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.polyplex.restream.model.AudioMode;
import org.polyplex.restream.model.Profile;

/**
 * The ffmpeg argument list of one destination: the channel's MPEG-TS on stdin
 * ({@code -f mpegts -i pipe:0}), progress blocks on stdout ({@code -progress pipe:1}), FLV to the
 * destination's URL. Encoded profiles scale to the profile's height, hold its frame rate and put a
 * keyframe every 2 s ({@code -g} = {@code -keyint_min} = 2 x fps, no scene-cut keyframes), as the
 * platforms require. Pure: the same input gives the same list (golden-tested).
 */
public final class OutputCommand {

    /** Silence for destinations that need an audio track the source does not have. */
    static final String SILENCE = "anullsrc=r=48000:cl=stereo";

    /**
     * Input timestamp jumps larger than this (seconds) are treated as a discontinuity and smoothed
     * over: a looping or failed-over source must not rewind the output's timestamps.
     */
    static final String DTS_DELTA_THRESHOLD = "2";

    /** The default of {@code polyplex.restream.input-analyze}. */
    public static final Duration ANALYZE = Duration.ofSeconds(1);

    private final String ffmpeg;
    private final OverlayFilter overlays;
    private final String analyzeMicros;

    public OutputCommand(String ffmpeg) {
        this(ffmpeg, new OverlayFilter(Optional.empty()), ANALYZE);
    }

    /** @param analyze how much of its input each ffmpeg reads to learn the streams */
    public OutputCommand(String ffmpeg, OverlayFilter overlays, Duration analyze) {
        this.ffmpeg = ffmpeg;
        this.overlays = overlays;
        this.analyzeMicros = String.valueOf(analyze.toNanos() / 1000);
    }

    /** {@link #build(Profile, AudioMode, boolean, String, String, List)} without overlays. */
    public List<String> build(Profile profile, AudioMode audio, boolean sourceAudioAac, String encoder, String url) {
        return build(profile, audio, sourceAudioAac, encoder, url, OverlayGraph.NONE);
    }

    /**
     * @param audio the resolved mode: PASSTHROUGH, SILENCE or MUTE (AUTO is resolved by the caller
     *        from the source's streams, see {@link #resolve})
     * @param sourceAudioAac whether the source's audio is AAC (then copy passes it through as is)
     * @param encoder the H.264 encoder of encoded profiles (ignored for copy)
     * @param draws the overlays, drawn by encoded profiles only (a copy cannot carry them)
     */
    public List<String> build(Profile profile, AudioMode audio, boolean sourceAudioAac, String encoder, String url,
            OverlayGraph draws) {
        return build(profile, audio, sourceAudioAac, encoder, url, draws, Duration.ZERO);
    }

    /**
     * The same, its output timestamps starting at {@code continueAt} instead of 0: a planned
     * restart continues the timeline the destination's server already has, so its players see no
     * timestamp jump back (nginx-rtmp's subscribers otherwise stall their video for about as long
     * as the stream had run).
     */
    public List<String> build(Profile profile, AudioMode audio, boolean sourceAudioAac, String encoder, String url,
            OverlayGraph draws, Duration continueAt) {
        List<String> c = head("pipe:1");
        c.addAll(streams(profile, audio, sourceAudioAac, encoder, draws));
        if (continueAt.isNegative()) {
            throw new IllegalArgumentException("a timeline continues forward");
        }
        if (!continueAt.isZero()) {
            c.addAll(List.of("-output_ts_offset", seconds(continueAt)));
        }
        c.addAll(List.of("-flvflags", "no_duration_filesize", "-f", "flv", url));
        return List.copyOf(c);
    }

    private static String seconds(Duration d) {
        return java.math.BigDecimal.valueOf(d.toMillis(), 3).toPlainString();
    }

    /**
     * The ffmpeg of an encode shared by several destinations: the same input and encoding as
     * {@link #build} with an encoded profile, written as MPEG-TS to stdout ({@code pipe:1}, flushed
     * per packet) for the destinations' own copy ffmpegs; its progress blocks go to stderr
     * ({@code -progress pipe:2}), as stdout carries the media.
     */
    public List<String> encode(Profile profile, AudioMode audio, String encoder, OverlayGraph draws) {
        if (!profile.encodes()) {
            throw new IllegalArgumentException("a shared encode needs an encoded profile");
        }
        List<String> c = head("pipe:2");
        c.addAll(streams(profile, audio, false, encoder, draws));
        c.addAll(List.of("-flush_packets", "1", "-f", "mpegts", "pipe:1"));
        return List.copyOf(c);
    }

    /** The options before the input: quiet, progress blocks once a second to {@code progress}. */
    private List<String> head(String progress) {
        return new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "warning", "-nostats",
                "-progress", progress, "-stats_period", "1"));
    }

    /** The inputs, the stream mapping and the codecs: everything between the head and the output. */
    private List<String> streams(Profile profile, AudioMode audio, boolean sourceAudioAac, String encoder,
            OverlayGraph draws) {
        if (audio == AudioMode.AUTO) {
            throw new IllegalArgumentException("resolve the audio mode first");
        }
        List<String> c = new ArrayList<>();
        if (profile.encodes()) {
            c.addAll(hardwareInit(encoder));
        }
        c.addAll(List.of("-analyzeduration", analyzeMicros, "-dts_delta_threshold", DTS_DELTA_THRESHOLD, "-fflags",
                "+genpts+discardcorrupt", "-f", "mpegts", "-i", "pipe:0"));
        if (audio == AudioMode.SILENCE) {
            c.addAll(List.of("-f", "lavfi", "-i", SILENCE));
        }
        c.addAll(List.of("-map", "0:v:0"));
        switch (audio) {
            case PASSTHROUGH -> c.addAll(List.of("-map", "0:a:0"));
            case SILENCE -> c.addAll(List.of("-map", "1:a:0", "-shortest"));
            default -> {
            }
        }
        if (profile.encodes()) {
            c.addAll(video(profile, encoder, overlays.graph(base(profile), draws, profile.fps())));
        } else {
            c.addAll(List.of("-c:v", "copy"));
        }
        if (audio == AudioMode.MUTE) {
            c.add("-an");
        } else if (audio == AudioMode.PASSTHROUGH && !profile.encodes() && sourceAudioAac) {
            c.addAll(List.of("-c:a", "copy"));
        } else {
            c.addAll(List.of("-c:a", "aac", "-b:a", profile.audioKbps() + "k", "-ar", "48000", "-ac", "2"));
        }
        return c;
    }

    /** AUTO as passthrough when the source has audio, as silence when it has none. */
    public static AudioMode resolve(AudioMode mode, boolean sourceHasAudio) {
        if (mode != AudioMode.AUTO) {
            return mode;
        }
        return sourceHasAudio ? AudioMode.PASSTHROUGH : AudioMode.SILENCE;
    }

    /** The video options of an encoded profile: scaling, frame rate, rate control, GOP. */
    static List<String> video(Profile profile, String encoder) {
        return video(profile, encoder, base(profile));
    }

    /** Scaling to the profile's height and its frame rate: the start of every encoded graph. */
    static String base(Profile profile) {
        return "scale=-2:" + profile.height().getAsInt() + ",fps=" + profile.fps();
    }

    /** The same with the filters before the pixel format ({@link OverlayFilter#graph}). */
    static List<String> video(Profile profile, String encoder, String filters) {
        int fps = profile.fps();
        int kbps = profile.videoKbps();
        String gop = String.valueOf(2 * fps);
        List<String> v = new ArrayList<>();
        v.addAll(List.of("-vf", filters + pixelFormat(encoder)));
        v.addAll(List.of("-c:v", encoder));
        if (encoder.equals("libx264")) {
            v.addAll(List.of("-preset", "veryfast", "-tune", "zerolatency"));
        }
        v.addAll(List.of("-b:v", kbps + "k", "-maxrate", kbps + "k", "-bufsize", 2 * kbps + "k", "-g", gop,
                "-keyint_min", gop, "-sc_threshold", "0"));
        return v;
    }

    /** The pixel format step each encoder needs at the end of the filter chain. */
    private static String pixelFormat(String encoder) {
        return switch (encoder) {
            case "h264_vaapi" -> ",format=nv12,hwupload";
            case "h264_qsv" -> ",format=nv12";
            default -> ",format=yuv420p";
        };
    }

    /** Device options some hardware encoders need before the inputs. */
    static List<String> hardwareInit(String encoder) {
        return switch (encoder) {
            case "h264_vaapi" -> List.of("-init_hw_device", "vaapi=va", "-filter_hw_device", "va");
            case "h264_nvenc" -> List.of("-init_hw_device", "cuda");
            default -> List.of();
        };
    }

    /**
     * The command line as a log may show it: the destination URL (the last argument, carrying the
     * stream key) replaced by {@code redactedUrl}.
     */
    public static String forLog(List<String> command, String redactedUrl) {
        List<String> shown = new ArrayList<>(command);
        shown.set(shown.size() - 1, redactedUrl);
        return String.join(" ", shown);
    }
}
