package org.polyplex.restream.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.polyplex.restream.model.AudioMode;
import org.polyplex.restream.model.Profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drawtext filters of overlays: golden strings, numbers and checked paths only (the text is in
 * the file), fades over output frame numbers, nothing on copy, and a real ffmpeg 5.1 that accepts
 * the graph and draws the file's text verbatim (no % expansion).
 */
class OverlayFilterTest {

    private static final String URL = "rtmp://127.0.0.1:1935/dest/KEY";

    private static OverlayDraw draw(Path file, String box, double fadeIn, double fadeOut, double duration) {
        return new OverlayDraw(7, file, 10, 20, 40, "#FFffFF", box, 0.8, fadeIn, fadeOut, duration);
    }

    @Test
    void shouldBuildADrawtextThatReloadsTheFileWithoutExpansion() {
        OverlayFilter f = new OverlayFilter(Optional.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"));
        assertThat(f.drawtext(draw(Path.of("/srv/data/7.txt"), "#FF0000", 0, 0, 0), 30)).isEqualTo(
                "drawtext=textfile=/srv/data/7.txt:reload=1:expansion=none"
                        + ":fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:fontsize=40:fontcolor=0xffffff"
                        + ":box=1:boxborderw=8:boxcolor=0xff0000:x=10:y=20:alpha='0.8'");
        assertThat(new OverlayFilter(Optional.empty()).drawtext(draw(Path.of("/a.txt"), null, 0, 0, 0), 30))
                .doesNotContain("fontfile").doesNotContain("box");
    }

    @Test
    void shouldFadeOverOutputFrames() {
        assertThat(OverlayFilter.alpha(draw(Path.of("/a"), null, 2, 0, 0), 30)).isEqualTo("0.8*min(1,n/60)");
        assertThat(OverlayFilter.alpha(draw(Path.of("/a"), null, 0.5, 1, 10), 30))
                .isEqualTo("0.8*min(1,n/15)*clip((300-n)/30,0,1)");
        assertThat(OverlayFilter.alpha(draw(Path.of("/a"), null, 0, 0, 10), 25)).isEqualTo("0.8*lt(n,250)");
    }

    @Test
    void shouldPutTheChainAfterScalingOnEncodedProfilesOnlyAndNeverTheText() {
        OutputCommand c = new OutputCommand("ffmpeg", new OverlayFilter(Optional.empty()), OutputCommand.ANALYZE);
        OverlayGraph draws = new OverlayGraph(List.of(), List.of(draw(Path.of("/srv/o/1.txt"), null, 0, 0, 0)));
        List<String> encoded = c.build(Profile.P480, AudioMode.MUTE, false, "libx264", URL, draws);
        String vf = encoded.get(encoded.indexOf("-vf") + 1);
        assertThat(vf).startsWith("scale=-2:480,fps=30,drawtext=textfile=/srv/o/1.txt:").endsWith(",format=yuv420p");
        assertThat(c.build(Profile.COPY, AudioMode.MUTE, false, "libx264", URL, draws)).doesNotContain("-vf")
                .noneMatch(a -> a.contains("drawtext"));
        assertThat(c.build(Profile.P480, AudioMode.MUTE, false, "libx264", URL, OverlayGraph.NONE))
                .isEqualTo(c.build(Profile.P480, AudioMode.MUTE, false, "libx264", URL));
    }

    @Test
    void shouldRefusePathsAndColoursAFilterGraphWouldReadAsSyntax() {
        for (String bad : List.of("/tmp/a:b.txt", "/tmp/a,b", "/tmp/a'b", "/tmp/a b", "/tmp/[x]", "/tmp/a;b", "/tmp/a\\b")) {
            assertThatThrownBy(() -> draw(Path.of(bad), null, 0, 0, 0)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new OverlayFilter(Optional.of("/fonts/a:b.ttf")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> draw(Path.of("/a"), "red:x=1", 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OverlayDraw(1, Path.of("/a"), -1, 0, 10, "#000000", null, 1, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldPutImagesOnWithMovieAndOverlayBeforeTheTexts() {
        OverlayFilter f = new OverlayFilter(Optional.empty());
        OverlayGraph images = new OverlayGraph(List.of(new ImageDraw(1, Path.of("/a/1.png"), 5, 6, 0.5, 0.8),
                new ImageDraw(2, Path.of("/a/2.png"), 7, 8, 1, 1)), List.of());
        assertThat(f.graph("scale=-2:480,fps=30", images, 30)).isEqualTo("scale=-2:480,fps=30[b0]"
                + ";movie=/a/1.png,format=rgba,scale=iw*0.5:-1,colorchannelmixer=aa=0.8[i0];[b0][i0]overlay=x=5:y=6[b1]"
                + ";movie=/a/2.png,format=rgba,colorchannelmixer=aa=1[i1];[b1][i1]overlay=x=7:y=8[b2];[b2]null");
        OverlayGraph both = new OverlayGraph(images.images().subList(1, 2),
                List.of(draw(Path.of("/t/3.txt"), null, 0, 0, 0)));
        assertThat(f.graph("B", both, 30)).endsWith("[b1];[b1]drawtext=textfile=/t/3.txt:reload=1:expansion=none"
                + ":fontsize=40:fontcolor=0xffffff:x=10:y=20:alpha='0.8'");
        assertThatThrownBy(() -> new ImageDraw(1, Path.of("/a/x;y.png"), 0, 0, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Path png(Path dir) throws Exception {
        Path png = dir.resolve("logo.png");
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=c=0x0000ff:s=64x32,format=rgba",
                "-frames:v", "1", png.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return png;
    }

    @Test
    void shouldLoopAFadingImageIntoAStreamAndDisableItPastItsDuration() {
        OverlayGraph g = new OverlayGraph(List.of(new ImageDraw(1, Path.of("/a/1.png"), 5, 6, 1, 0.5,
                new ImageDraw.Fades(1, 0.5, 10))), List.of());
        assertThat(new OverlayFilter(Optional.empty()).graph("fps=30", g, 30)).isEqualTo("fps=30[b0];"
                + "movie=/a/1.png,format=rgba,loop=loop=-1:size=1,setpts=N/(30*TB),fade=t=in:s=0:n=30:alpha=1,"
                + "fade=t=out:s=285:n=15:alpha=1,colorchannelmixer=aa=0.5[i0];"
                + "[b0][i0]overlay=x=5:y=6:shortest=1:enable='lt(n,300)'[b1];[b1]null");
        assertThatThrownBy(() -> new ImageDraw.Fades(61, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A real ffmpeg fades a blue image in over 1 s, holds it, fades it out to be gone at 3 s. */
    @Test
    void shouldFadeAnImageInAndOutOnTheRealFfmpeg(@TempDir Path dir) throws Exception {
        OverlayGraph g = new OverlayGraph(List.of(new ImageDraw(1, png(dir), 10, 10, 1, 1,
                new ImageDraw.Fades(1, 1, 3))), List.of());
        String vf = new OverlayFilter(Optional.empty()).graph("fps=30", g, 30);
        Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                "color=black:s=320x240:r=30", "-t", "4", "-vf", vf, "-pix_fmt", "gray", "-f", "rawvideo", "-")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] gray = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        int frame = 320 * 240;
        assertThat(gray.length / frame).isEqualTo(120);
        int[] at = new int[120];
        for (int n = 0; n < at.length; n++) {
            at[n] = gray[n * frame + 20 * 320 + 30] & 0xFF;
        }
        int full = at[45];
        assertThat(full).as("the image at full opacity").isGreaterThan(20);
        assertThat(at[0]).as("invisible at the start").isLessThan(3);
        assertThat(at[15]).as("half way in").isBetween(full / 2 - 3, full / 2 + 3);
        assertThat(at[75]).as("half way out").isBetween(full / 2 - 3, full / 2 + 3);
        assertThat(at[95]).as("gone after 3 s").isZero();
        assertThat(at[119]).isZero();
    }

    /** The real ffmpeg parses the graph, and text that looks like syntax or expansions is only text. */
    @Test
    void shouldBeAcceptedByFfmpegWithHostileTextInTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("1.txt");
        Files.writeString(file, "%{localtime} ':x=0,drawbox [a];\\ 100%\n{time}", StandardCharsets.UTF_8);
        OutputCommand c = new OutputCommand("ffmpeg", new OverlayFilter(Optional.empty()), OutputCommand.ANALYZE);
        List<String> built = c.build(Profile.P480, AudioMode.MUTE, false, "libx264", URL,
                new OverlayGraph(List.of(new ImageDraw(2, png(dir), 300, 100, 2, 0.9)),
                        List.of(draw(file, "#ff0000", 1, 1, 5))));
        String vf = built.get(built.indexOf("-vf") + 1);
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                "color=black:s=320x240:r=30", "-frames:v", "3", "-vf", vf, "-f", "null", "-"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).isBlank();
    }
}
