package org.polyplex.proxy.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Profile arguments are allow-listed; the profile set and the ffmpeg command are what they say. Plain JUnit. */
class ProfileArgsTest {

    private record Custom(Optional<String> description, String args) implements ProfilesConfig.Custom {
    }

    @Test
    void shouldAcceptEveryBuiltInProfileAndUseLibx264NotAHardwareEncoder() {
        Profiles profiles = Profiles.builtIn();
        assertThat(profiles.list()).extracting(OutputProfile::name).containsExactly("480p-1200k", "720p-2500k",
                "audio-aac", "passthrough");
        assertThat(profiles.find("720p-2500k").orElseThrow().args()).contains("libx264", "scale=-2:720",
                "expr:gte(t,n_forced*2)", "aac").doesNotContain("h264_nvenc", "h264_vaapi", "h264_qsv");
        assertThat(profiles.find("audio-aac").orElseThrow().args()).containsSequence("-c:v", "copy");
        assertThat(profiles.find("passthrough").orElseThrow().transcodes()).isFalse();
        assertThat(profiles.find("nope")).isEmpty();
        assertThat(profiles.find(null)).isEmpty();
    }

    @Test
    void shouldBuildOneCommandFromStdinToStdoutInMpegTs() {
        OutputProfile audio = Profiles.builtIn().find("audio-aac").orElseThrow();
        assertThat(Profiles.command("/usr/bin/ffmpeg", audio)).containsExactly("/usr/bin/ffmpeg", "-hide_banner",
                "-nostats", "-loglevel", "warning", "-fflags", "+genpts+discardcorrupt", "-analyzeduration", "2000000",
                "-probesize", "2000000", "-f", "mpegts", "-i", "pipe:0", "-map", "0:v:0?", "-map", "0:a:0?", "-c:v",
                "copy", "-c:a", "aac", "-b:a", "128k", "-ac", "2", "-muxdelay", "0", "-muxpreload", "0", "-f", "mpegts",
                "pipe:1");
    }

    @Test
    void shouldRefuseArgumentsThatNameFilesUrlsInputsOrFormats() {
        for (String bad : List.of("-i /etc/passwd", "-c:v libx264 -f flv", "-y -c:v copy", "-c:v copy out.ts",
                "-c:v copy -passlogfile x", "-vf movie=/etc/passwd", "-vf scale=320:240;[a]null",
                "-x264-params stats=x.log", "-c:v http://evil", "-b:v 1M -report", "-c:v copy -map",
                "-vf drawtext=textfile=a", "-c:v lib/x264", "-filter_complex null")) {
            assertThatThrownBy(() -> ProfileArgs.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> ProfileArgs.parse("  ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ProfileArgs.parse(" -vf scale=-2:360,fps=25 -c:v libx264 -x264-params keyint=50:scenecut=0 -an "))
                .containsExactly("-vf", "scale=-2:360,fps=25", "-c:v", "libx264", "-x264-params", "keyint=50:scenecut=0",
                        "-an");
    }

    @Test
    void shouldAddOrReplaceProfilesByNameButNeverPassthrough() {
        Profiles profiles = Profiles.of(Map.of("360p", new Custom(Optional.of("small"), "-vf scale=-2:360 -c:v libx264"),
                "audio-aac", new Custom(Optional.empty(), "-c:v copy -c:a aac -b:a 96k")));
        assertThat(profiles.find("360p").orElseThrow().description()).isEqualTo("small");
        assertThat(profiles.find("audio-aac").orElseThrow().builtIn()).isFalse();
        assertThat(profiles.find("audio-aac").orElseThrow().args()).contains("96k");

        assertThatThrownBy(() -> Profiles.of(Map.of("passthrough", new Custom(Optional.empty(), "-c:v copy"))))
                .hasMessageContaining("passthrough cannot be replaced");
        assertThatThrownBy(() -> Profiles.of(Map.of("Big Name", new Custom(Optional.empty(), "-c:v copy"))))
                .hasMessageContaining("is not 1 to 32 characters");
        assertThatThrownBy(() -> Profiles.of(Map.of("bad", new Custom(Optional.empty(), "-i x"))))
                .hasMessageContaining("polyplex.profiles.custom.bad.args").hasMessageContaining("'-i'");
    }
}
