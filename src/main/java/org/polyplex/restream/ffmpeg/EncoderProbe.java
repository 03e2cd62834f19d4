package org.polyplex.restream.ffmpeg;

import java.util.ArrayList;
import java.util.List;

/**
 * The H.264 encoders worth trying, best first, and the one-second test encode that tells whether
 * one works here: {@code ffmpeg -encoders} lists encoders whose hardware is absent, so only an
 * encode of {@code testsrc2} that exits 0 counts. Pure.
 */
public final class EncoderProbe {

    /** Hardware encoders first (NVIDIA, Intel, VA-API, V4L2 M2M, Apple), the software one last. */
    public static final List<String> CANDIDATES = List.of("h264_nvenc", "h264_qsv", "h264_vaapi", "h264_v4l2m2m",
            "h264_videotoolbox", "libx264");

    public static final String SOFTWARE = "libx264";

    private EncoderProbe() {
    }

    /** The test encode of one encoder: one second of 1280x720 at 30 fps into the null muxer. */
    public static List<String> command(String ffmpeg, String encoder) {
        List<String> c = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error"));
        c.addAll(OutputCommand.hardwareInit(encoder));
        c.addAll(List.of("-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-t", "1"));
        switch (encoder) {
            case "h264_vaapi" -> c.addAll(List.of("-vf", "format=nv12,hwupload"));
            case "h264_qsv" -> c.addAll(List.of("-vf", "format=nv12"));
            default -> c.addAll(List.of("-pix_fmt", "yuv420p"));
        }
        c.addAll(List.of("-c:v", encoder, "-f", "null", "-"));
        return List.copyOf(c);
    }
}
