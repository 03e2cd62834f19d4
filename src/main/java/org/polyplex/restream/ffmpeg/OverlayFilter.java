package org.polyplex.restream.ffmpeg;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code drawtext} filters of a destination's overlays. The text is read from each overlay's
 * file ({@code textfile=..:reload=1}, re-read before every frame, so an atomically replaced file
 * is on air at the next frame) with {@code expansion=none}, so nothing in it is interpreted by
 * ffmpeg. Everything else put into the graph is a number, a validated colour or a checked path.
 * Fades count output frames ({@code n}, after the profile's {@code fps} filter), so they are
 * measured from the start of that ffmpeg whatever the source's timestamps are. Pure.
 */
public final class OverlayFilter {

    private final Optional<String> fontFile;

    public OverlayFilter(Optional<String> fontFile) {
        this.fontFile = OverlayDraw.font(fontFile);
    }

    /**
     * The video filter graph: {@code base} (scaling and frame rate), then each image put on with
     * {@code overlay} (a {@code movie} source of the PNG, its alpha multiplied by the opacity,
     * scaled), then the texts. Ends with a filter the caller may append {@code ,format=..} to.
     */
    public String graph(String base, OverlayGraph g, int fps) {
        if (g.images().isEmpty()) {
            return base + chain(g.texts(), fps);
        }
        StringBuilder f = new StringBuilder(base).append("[b0]");
        int i = 0;
        for (ImageDraw d : g.images()) {
            f.append(";movie=").append(d.png()).append(",format=rgba");
            if (d.scale() != 1) {
                f.append(",scale=iw*").append(num(d.scale())).append(":-1");
            }
            f.append(fades(d.fades(), fps));
            f.append(",colorchannelmixer=aa=").append(num(d.opacity())).append("[i").append(i).append("];[b")
                    .append(i).append("][i").append(i).append("]overlay=x=").append(d.x()).append(":y=").append(d.y());
            if (d.fades().any()) {
                f.append(":shortest=1");
            }
            if (d.fades().durationSeconds() > 0) {
                f.append(":enable='lt(n,").append(num(d.fades().durationSeconds() * fps)).append(")'");
            }
            f.append("[b").append(i + 1).append(']');
            i++;
        }
        f.append(";[b").append(i).append(']');
        f.append(g.texts().isEmpty() ? "null" : chain(g.texts(), fps).substring(1));
        return f.toString();
    }

    /** The filters to append to the chain after scaling (empty string when there are none), each led by a comma. */
    public String chain(List<OverlayDraw> overlays, int fps) {
        return overlays.stream().map(o -> "," + drawtext(o, fps)).collect(Collectors.joining());
    }

    String drawtext(OverlayDraw o, int fps) {
        StringBuilder f = new StringBuilder("drawtext=textfile=").append(o.textFile()).append(":reload=1")
                .append(":expansion=none");
        fontFile.ifPresent(font -> f.append(":fontfile=").append(font));
        f.append(":fontsize=").append(o.fontSize()).append(":fontcolor=").append(hex(o.color()));
        if (o.boxColor() != null) {
            f.append(":box=1:boxborderw=").append(Math.max(2, o.fontSize() / 5)).append(":boxcolor=")
                    .append(hex(o.boxColor()));
        }
        f.append(":x=").append(o.x()).append(":y=").append(o.y());
        f.append(":alpha='").append(alpha(o, fps)).append('\'');
        return f.toString();
    }

    /**
     * An image's fades: its one decoded frame looped into a stream at the output's frame rate,
     * stamped from 0 like the output (ffmpeg starts its input at 0), its alpha ramped by frame
     * number; nothing for an image that is always on (then {@code overlay} repeats its one frame).
     * Past its duration the overlay is disabled, so a gone image costs no blending.
     */
    static String fades(ImageDraw.Fades fades, int fps) {
        if (!fades.any()) {
            return "";
        }
        StringBuilder f = new StringBuilder(",loop=loop=-1:size=1,setpts=N/(").append(fps).append("*TB)");
        if (fades.inSeconds() > 0) {
            f.append(",fade=t=in:s=0:n=").append(Math.max(1, Math.round(fades.inSeconds() * fps))).append(":alpha=1");
        }
        if (fades.durationSeconds() > 0 && fades.outSeconds() > 0) {
            long end = Math.round(fades.durationSeconds() * fps);
            long frames = Math.max(1, Math.round(fades.outSeconds() * fps));
            f.append(",fade=t=out:s=").append(Math.max(0, end - frames)).append(":n=").append(frames).append(":alpha=1");
        }
        return f.toString();
    }

    /** opacity x fade-in ramp x fade-out ramp, over output frame numbers. */
    static String alpha(OverlayDraw o, int fps) {
        StringBuilder a = new StringBuilder(num(o.opacity()));
        if (o.fadeInSeconds() > 0) {
            a.append("*min(1,n/").append(num(o.fadeInSeconds() * fps)).append(')');
        }
        if (o.durationSeconds() > 0) {
            double end = o.durationSeconds() * fps;
            if (o.fadeOutSeconds() > 0) {
                a.append("*clip((").append(num(end)).append("-n)/").append(num(o.fadeOutSeconds() * fps))
                        .append(",0,1)");
            } else {
                a.append("*lt(n,").append(num(end)).append(')');
            }
        }
        return a.toString();
    }

    private static String hex(String color) {
        return "0x" + color.substring(1).toLowerCase(Locale.ROOT);
    }

    private static String num(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
