package org.polyplex.camera.health;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One RTSP response ({@code RTSP/1.0 200 OK}, headers, a body of {@code Content-Length} bytes), and
 * its incremental parser. Pure.
 *
 * @param headers name (lower case) and value pairs in order; a name may repeat ({@code WWW-Authenticate})
 */
public record RtspResponse(int status, String reason, List<String[]> headers, String body) {

    /** The first value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        return headers(name).stream().findFirst();
    }

    public List<String> headers(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return headers.stream().filter(h -> h[0].equals(lower)).map(h -> h[1]).toList();
    }

    /** What the parser found in the bytes so far. */
    public sealed interface Parse {
    }

    /** More bytes are needed. */
    public record Incomplete() implements Parse {
    }

    /** A whole response; {@code consumed} bytes of the input belong to it. */
    public record Complete(RtspResponse response, int consumed) implements Parse {
    }

    /** The bytes are not an RTSP response (an HTTP server, a binary protocol, garbage). */
    public record Garbage(String what) implements Parse {
    }

    /** Parses the start of {@code bytes} (ISO-8859-1 headers, UTF-8 body). */
    public static Parse parse(byte[] bytes, int length) {
        int prefix = Math.min(length, 5);
        String start = new String(bytes, 0, prefix, StandardCharsets.ISO_8859_1);
        if (!"RTSP/".startsWith(start)) {
            return new Garbage(describe(bytes, length));
        }
        int end = headerEnd(bytes, length);
        if (end < 0) {
            return new Incomplete();
        }
        String[] lines = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).split("\r?\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[1].matches("\\d{3}")) {
            return new Garbage("a malformed status line");
        }
        List<String[]> headers = new ArrayList<>();
        int contentLength = 0;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).strip();
            headers.add(new String[] { name, value });
            if (name.equals("content-length")) {
                try {
                    contentLength = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    return new Garbage("a malformed Content-Length");
                }
                if (contentLength < 0) {
                    return new Garbage("a negative Content-Length");
                }
            }
        }
        int bodyStart = end + (bytes[end] == '\r' ? 4 : 2);
        if (length - bodyStart < contentLength) {
            return new Incomplete();
        }
        String body = new String(bytes, bodyStart, contentLength, StandardCharsets.UTF_8);
        return new Complete(new RtspResponse(Integer.parseInt(status[1]), status.length > 2 ? status[2] : "",
                List.copyOf(headers), body), bodyStart + contentLength);
    }

    /** Index of the blank line's first byte ({@code \r\n\r\n} or {@code \n\n}), or -1. */
    private static int headerEnd(byte[] b, int length) {
        for (int i = 0; i + 1 < length; i++) {
            if (b[i] == '\n' && b[i + 1] == '\n') {
                return i;
            }
            if (i + 3 < length && b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String describe(byte[] bytes, int length) {
        String head = new String(bytes, 0, Math.min(length, 8), StandardCharsets.ISO_8859_1);
        if (head.startsWith("HTTP/")) {
            return "an HTTP answer";
        }
        return "bytes that are not RTSP";
    }
}
