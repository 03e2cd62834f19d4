package org.polyplex.camera.link;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.polyplex.camera.model.Transport;
import org.polyplex.platform.logging.Redaction;

/**
 * The ffmpeg command lines of cameras: the reader ({@code -c copy} into MPEG-TS on stdout, audio
 * re-encoded to AAC only when the camera's codec cannot go into TS) and the one-frame snapshot grab
 * (a JPEG on stdout). Both have an RTSP socket timeout, so a camera that accepts the connection and
 * then says nothing fails within it. Pure; {@link #loggable} is the only form that may be logged.
 */
public final class CameraCommand {

    private CameraCommand() {
    }

    /** The reader: the camera's first video and (if any) first audio stream, copied into TS. */
    public static List<String> reader(String ffmpeg, String connectUrl, Transport transport, Duration timeout,
            boolean transcodeAudio) {
        List<String> c = input(ffmpeg, connectUrl, transport, timeout);
        c.addAll(List.of("-map", "0:v:0", "-map", "0:a:0?", "-c:v", "copy"));
        c.addAll(transcodeAudio ? List.of("-c:a", "aac", "-b:a", "128k", "-ar", "48000") : List.of("-c:a", "copy"));
        c.addAll(List.of("-f", "mpegts", "-mpegts_flags", "+resend_headers", "pipe:1"));
        return c;
    }

    /** One video frame as a JPEG on stdout. */
    public static List<String> snapshot(String ffmpeg, String connectUrl, Transport transport, Duration timeout) {
        List<String> c = input(ffmpeg, connectUrl, transport, timeout);
        c.addAll(List.of("-map", "0:v:0", "-an", "-frames:v", "1", "-update", "1", "-f", "image2", "-c:v", "mjpeg", "-q:v", "4",
                "pipe:1"));
        return c;
    }

    /** The command line with every URL redacted (no credentials), for logs. */
    public static String loggable(List<String> command) {
        return Redaction.text(String.join(" ", command));
    }

    private static List<String> input(String ffmpeg, String connectUrl, Transport transport, Duration timeout) {
        List<String> c = new ArrayList<>(List.of(ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "warning"));
        c.addAll(List.of("-rtsp_transport", transport.wire(), "-timeout", Long.toString(timeout.toNanos() / 1000),
                "-i", connectUrl));
        return c;
    }
}
