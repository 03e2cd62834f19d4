package org.polyplex.catalog.probe;

import java.time.Duration;
import java.util.List;

/**
 * The ffprobe command line of one source test. Pure. A list for {@link ProcessBuilder}, never a
 * shell string: the URL is one argument whatever it holds.
 */
final class FfprobeCommand {

    /** Protocols ffprobe may open: the source's own and what HLS needs (TLS, AES segments). */
    static final String PROTOCOLS = "http,https,tcp,tls,crypto";
    /** Bytes and microseconds of media read to find the streams: a few seconds of a live channel. */
    static final String PROBE_SIZE = "5000000";
    static final String ANALYZE_MICROS = "5000000";

    private FfprobeCommand() {
    }

    static List<String> of(String ffprobe, String url, Duration timeout) {
        return List.of(ffprobe, "-hide_banner", "-v", "error", "-of", "json", "-show_format", "-show_streams",
                "-protocol_whitelist", PROTOCOLS, "-rw_timeout", Long.toString(timeout.toNanos() / 1000),
                "-probesize", PROBE_SIZE, "-analyzeduration", ANALYZE_MICROS, "-i", url);
    }
}
