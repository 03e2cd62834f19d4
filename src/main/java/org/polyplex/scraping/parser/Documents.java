package org.polyplex.scraping.parser;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.polyplex.scraping.source.ScrapeFailure;

/** Decides what a fetched body is and decodes its text. Pure. */
public final class Documents {

    /** The list formats Polyplex reads. */
    public enum Format {
        JSON,
        M3U,
        HTML
    }

    private Documents() {
    }

    /** Detects the format from the content type first, then from the first characters. */
    public static Format detect(String contentType, byte[] body) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.contains("json")) {
            return Format.JSON;
        }
        if (type.contains("mpegurl") || type.contains("m3u")) {
            return Format.M3U;
        }
        if (type.contains("html")) {
            return Format.HTML;
        }
        String head = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.ISO_8859_1)
                .replace("\uFEFF", "").replace("\u00EF\u00BB\u00BF", "").stripLeading();
        String lower = head.toLowerCase(Locale.ROOT);
        if (lower.startsWith("#extm3u") || lower.startsWith("#extinf")) {
            return Format.M3U;
        }
        if (head.startsWith("{") || head.startsWith("[")) {
            return Format.JSON;
        }
        if (lower.startsWith("<!doctype html") || lower.contains("<html") || lower.contains("<body")) {
            return Format.HTML;
        }
        throw new ScrapeFailure("content is neither JSON, M3U nor HTML" + (type.isEmpty() ? "" : " (" + type + ")"));
    }

    /**
     * Decodes text with the charset the server declared, else strict UTF-8; a body that is not
     * valid UTF-8 is read as Windows-1252 and the caller gets told through {@code warn}.
     */
    public static String text(byte[] body, String contentType, Consumer<String> warn) {
        Charset declared = declaredCharset(contentType);
        if (declared != null && !declared.equals(StandardCharsets.UTF_8)) {
            return new String(body, declared);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            warn.accept("content is not valid UTF-8; read as Windows-1252");
            return new String(body, Charset.forName("windows-1252"));
        }
    }

    /** Parses a fetched body in the given (or detected) format. */
    public static ParseResult parse(Format format, byte[] body, String contentType, String baseUri, int maxEntries) {
        if (format == Format.JSON) {
            return JsonChannelParser.parse(body, maxEntries);
        }
        List<String> warnings = new ArrayList<>();
        // M3U is decoded as it is read: the body is not copied into a string twice its size
        ParseResult result = format == Format.M3U
                ? M3uSourceParser.parse(new InputStreamReader(new ByteArrayInputStream(body),
                        charset(body, contentType, warnings::add)), maxEntries)
                : HtmlChannelParser.parse(text(body, contentType, warnings::add), baseUri, maxEntries);
        if (warnings.isEmpty()) {
            return result;
        }
        warnings.addAll(result.warnings());
        return new ParseResult(result.channels(), result.skipped(), result.skipReasons(), result.links(),
                List.copyOf(warnings));
    }

    /** The charset {@link #text} would decode with, found without building the text. */
    static Charset charset(byte[] body, String contentType, Consumer<String> warn) {
        Charset declared = declaredCharset(contentType);
        if (declared != null && !declared.equals(StandardCharsets.UTF_8)) {
            return declared;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(64 * 1024);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                warn.accept("content is not valid UTF-8; read as Windows-1252");
                return Charset.forName("windows-1252");
            }
            if (result.isUnderflow()) {
                return StandardCharsets.UTF_8;
            }
            out.clear();
        }
    }

    private static Charset declaredCharset(String contentType) {
        if (contentType == null) {
            return null;
        }
        int at = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (at < 0) {
            return null;
        }
        String name = contentType.substring(at + 8).replaceAll("[\"';].*$", "").strip();
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
