package org.polyplex.restream.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;

import org.polyplex.restream.model.AudioMode;
import org.polyplex.restream.model.Profile;

import org.junit.jupiter.api.Test;

/** Golden argument lists of the destination ffmpeg, per profile and audio mode. */
class OutputCommandTest {

    private static final String URL = "rtmp://127.0.0.1:1935/dest/KEY";
    private static final List<String> HEAD = List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "warning",
            "-nostats", "-progress", "pipe:1", "-stats_period", "1");
    private static final List<String> INPUT = List.of("-analyzeduration", "1000000", "-dts_delta_threshold", "2", "-fflags",
            "+genpts+discardcorrupt",
            "-f", "mpegts", "-i", "pipe:0");
    private static final List<String> TAIL = List.of("-flvflags", "no_duration_filesize", "-f", "flv", URL);

    private final OutputCommand command = new OutputCommand("ffmpeg");

    private static List<String> concat(List<?>... parts) {
        return Stream.of(parts).flatMap(List::stream).map(String::valueOf).toList();
    }

    @Test
    void shouldCopyVideoAndAacAudioAsTheyAreWhenTheProfileIsCopy() {
        assertThat(command.build(Profile.COPY, AudioMode.PASSTHROUGH, true, "libx264", URL)).isEqualTo(concat(HEAD,
                INPUT, List.of("-map", "0:v:0", "-map", "0:a:0", "-c:v", "copy", "-c:a", "copy"), TAIL));
    }

    @Test
    void shouldEncodeAudioThatIsNotAacEvenWhenCopyingVideo() {
        assertThat(command.build(Profile.COPY, AudioMode.PASSTHROUGH, false, "libx264", URL)).isEqualTo(concat(HEAD,
                INPUT, List.of("-map", "0:v:0", "-map", "0:a:0", "-c:v", "copy", "-c:a", "aac", "-b:a", "128k", "-ar",
                        "48000", "-ac", "2"),
                TAIL));
    }

    @Test
    void shouldEncode720pWithAKeyframeEveryTwoSecondsAndSilenceWhenAsked() {
        assertThat(command.build(Profile.P720, AudioMode.SILENCE, true, "libx264", URL)).isEqualTo(concat(HEAD, INPUT,
                List.of("-f", "lavfi", "-i", "anullsrc=r=48000:cl=stereo", "-map", "0:v:0", "-map", "1:a:0", "-shortest",
                        "-vf", "scale=-2:720,fps=30,format=yuv420p", "-c:v", "libx264", "-preset", "veryfast", "-tune",
                        "zerolatency", "-b:v", "2500k", "-maxrate", "2500k", "-bufsize", "5000k", "-g", "60",
                        "-keyint_min", "60", "-sc_threshold", "0", "-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac",
                        "2"),
                TAIL));
    }

    @Test
    void shouldDropAudioWhenMuted() {
        List<String> c = command.build(Profile.P480, AudioMode.MUTE, true, "libx264", URL);
        assertThat(c).contains("-an").doesNotContain("-c:a", "0:a:0", "1:a:0");
        assertThat(c).containsSequence("-b:v", "1000k").containsSequence("-g", "60", "-keyint_min", "60");
    }

    @Test
    void shouldUse1080pBitrateAndTheHardwareEncodersDeviceOptions() {
        List<String> c = command.build(Profile.P1080, AudioMode.PASSTHROUGH, true, "h264_vaapi", URL);
        assertThat(c).containsSequence("-init_hw_device", "vaapi=va", "-filter_hw_device", "va")
                .containsSequence("-vf", "scale=-2:1080,fps=30,format=nv12,hwupload")
                .containsSequence("-c:v", "h264_vaapi").containsSequence("-b:v", "4500k").doesNotContain("-preset");
        assertThat(c.indexOf("-init_hw_device")).isLessThan(c.indexOf("pipe:0"));
    }

    @Test
    void shouldWriteASharedEncodeAsMpegTsOnStdoutWithItsProgressOnStderr() {
        List<String> progressOnStderr = concat(HEAD).stream().map(a -> a.equals("pipe:1") ? "pipe:2" : a).toList();
        assertThat(command.encode(Profile.P720, AudioMode.PASSTHROUGH, "libx264", OverlayGraph.NONE)).isEqualTo(concat(
                progressOnStderr, INPUT,
                List.of("-map", "0:v:0", "-map", "0:a:0", "-vf", "scale=-2:720,fps=30,format=yuv420p", "-c:v", "libx264",
                        "-preset", "veryfast", "-tune", "zerolatency", "-b:v", "2500k", "-maxrate", "2500k", "-bufsize",
                        "5000k", "-g", "60", "-keyint_min", "60", "-sc_threshold", "0", "-c:a", "aac", "-b:a", "128k",
                        "-ar", "48000", "-ac", "2", "-flush_packets", "1", "-f", "mpegts", "pipe:1")));
        assertThat(command.encode(Profile.P480, AudioMode.MUTE, "libx264", OverlayGraph.NONE)).contains("-an")
                .doesNotContain("aac");
        assertThatThrownBy(() -> command.encode(Profile.COPY, AudioMode.PASSTHROUGH, "libx264", OverlayGraph.NONE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldContinueTheServersTimelineAfterAPlannedRestart() {
        List<String> c = command.build(Profile.COPY, AudioMode.PASSTHROUGH, true, "libx264", URL, OverlayGraph.NONE,
                java.time.Duration.ofMillis(61_234));
        assertThat(c).containsSequence("-c:a", "copy", "-output_ts_offset", "61.234", "-flvflags");
        assertThat(command.build(Profile.COPY, AudioMode.PASSTHROUGH, true, "libx264", URL, OverlayGraph.NONE,
                java.time.Duration.ZERO)).doesNotContain("-output_ts_offset");
    }

    @Test
    void shouldResolveAutoAudioFromTheSource() {
        assertThat(OutputCommand.resolve(AudioMode.AUTO, true)).isEqualTo(AudioMode.PASSTHROUGH);
        assertThat(OutputCommand.resolve(AudioMode.AUTO, false)).isEqualTo(AudioMode.SILENCE);
        assertThat(OutputCommand.resolve(AudioMode.MUTE, true)).isEqualTo(AudioMode.MUTE);
        assertThatThrownBy(() -> command.build(Profile.COPY, AudioMode.AUTO, true, "libx264", URL))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldShowTheCommandLineWithTheRedactedUrlOnly() {
        List<String> c = command.build(Profile.COPY, AudioMode.MUTE, false, "libx264", URL);
        assertThat(OutputCommand.forLog(c, "rtmp://127.0.0.1:1935/dest/***")).endsWith("-f flv rtmp://127.0.0.1:1935/dest/***")
                .doesNotContain("KEY");
    }

    @Test
    void shouldProbeEachEncoderWithAOneSecondTestEncode() {
        assertThat(EncoderProbe.command("ffmpeg", "libx264")).isEqualTo(List.of("ffmpeg", "-hide_banner", "-nostdin",
                "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-t", "1", "-pix_fmt",
                "yuv420p", "-c:v", "libx264", "-f", "null", "-"));
        assertThat(EncoderProbe.CANDIDATES).endsWith("libx264").startsWith("h264_nvenc");
    }
}
