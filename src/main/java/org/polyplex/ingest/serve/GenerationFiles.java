package org.polyplex.ingest.serve;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves the HLS files of a stream's generations from the spool, GET and HEAD:
 * {@code /streams/{stream}/{generation}/{token}/index.m3u8} (the multivariant playlist) and
 * {@code .../{rendition}/{file}} (a rendition's playlist and segments). Only names a packager writes
 * pass ({@code [A-Za-z0-9_-]} and one known extension), so no request leaves the generation's folder.
 * Playlists are {@code no-cache}; segments are immutable, their names never reused; every refusal
 * and every 404 (a segment that does not exist yet among them) carries {@code no-store}, so no cache
 * keeps an answer that will change. Files go out with {@code sendFile} (zero-copy); nothing blocks
 * the event loop.
 */
public final class GenerationFiles {

    /** The route's path pattern: stream, generation, token, the file below the generation. */
    public static final String PATH = "^/streams/([1-9][0-9]{0,17})/([1-9][0-9]{0,17})/([0-9a-z]{1,12}-[A-Za-z0-9_-]{22})/"
            + "((?:[a-z0-9]{1,16}/)?[A-Za-z0-9_-]{1,64}\\.(?:m3u8|ts|m4s|mp4|aac))$";

    static final String PLAYLIST_TYPE = "application/vnd.apple.mpegurl";
    static final String SEGMENT_CACHE = "public, max-age=31536000, immutable";
    private static final Pattern ROUTE = Pattern.compile(PATH);

    private final Vertx vertx;
    private final Path streamsRoot;
    private final PlaybackTokens tokens;

    /** @param streamsRoot the folder holding {@code <stream>/<generation>/...} */
    public GenerationFiles(Vertx vertx, Path streamsRoot, PlaybackTokens tokens) {
        this.vertx = vertx;
        this.streamsRoot = streamsRoot.toAbsolutePath().normalize();
        this.tokens = tokens;
    }

    /** The URL path of a generation's multivariant playlist for this token. */
    public static String playlistPath(long streamId, long generationId, String token) {
        return "/streams/" + streamId + "/" + generationId + "/" + token + "/index.m3u8";
    }

    public void handle(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        Matcher m = ROUTE.matcher(ctx.normalizedPath());
        if (!m.matches()) {
            refuse(response, 404, "not found");
            return;
        }
        long streamId = Long.parseLong(m.group(1));
        long generationId = Long.parseLong(m.group(2));
        if (!tokens.valid(m.group(3), streamId, generationId)) {
            refuse(response, 403, "the playback token is not valid for this stream, or has expired");
            return;
        }
        String name = m.group(4);
        Path file = streamsRoot.resolve(Long.toString(streamId)).resolve(Long.toString(generationId)).resolve(name);
        boolean playlist = name.endsWith(".m3u8");
        vertx.fileSystem().props(file.toString()).onComplete(ar -> {
            if (ar.failed() || !ar.result().isRegularFile()) {
                refuse(response, 404, playlist ? "no such playlist (yet)" : "no such segment (yet, or any more)");
                return;
            }
            response.putHeader(HttpHeaders.CONTENT_TYPE, contentType(name))
                    .putHeader(HttpHeaders.CACHE_CONTROL, playlist ? "no-cache" : SEGMENT_CACHE)
                    .putHeader("Access-Control-Allow-Origin", "*");
            if (ctx.request().method() == HttpMethod.HEAD) {
                response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(ar.result().size())).end();
                return;
            }
            response.sendFile(file.toString()).onFailure(e -> {
                if (!response.headWritten()) {
                    refuse(response, 404, "the file went away");
                } else {
                    response.reset();
                }
            });
        });
    }

    private static String contentType(String name) {
        if (name.endsWith(".m3u8")) {
            return PLAYLIST_TYPE;
        }
        if (name.endsWith(".ts")) {
            return "video/mp2t";
        }
        return name.endsWith(".aac") ? "audio/aac" : "video/mp4";
    }

    private static void refuse(HttpServerResponse response, int status, String message) {
        response.setStatusCode(status).putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8").end(message + "\n");
    }
}
