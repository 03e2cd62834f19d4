package org.polyplex.ingest.player;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /watch/{stream}}: the player page of a published stream. The page is the same for
 * every stream but for its id; the script ({@code /player/watch.js}) asks the playback endpoint,
 * which enforces the stream's visibility, and plays with hls.js from its webjar. A strict content
 * security policy: scripts and media from this origin only ({@code blob:} for Media Source).
 */
@ApplicationScoped
public class WatchPage {

    static final String PATH = "^/watch/([1-9][0-9]{0,17})$";
    static final String HLS_JS = "/webjars/hls.js/" + HlsJs.VERSION + "/dist/hls.min.js";
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "connect-src 'self'; media-src 'self' blob:; img-src 'self' data:; form-action 'self'; "
            + "frame-ancestors 'self'; base-uri 'none'";

    void init(@Observes Router router) {
        router.routeWithRegex(HttpMethod.GET, PATH).handler(this::page);
    }

    private void page(RoutingContext ctx) {
        String streamId = ctx.pathParam("param0");
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .putHeader("Content-Security-Policy", POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .end(html(streamId));
    }

    /** The page; {@code streamId} is digits only (the route's pattern). */
    static String html(String streamId) {
        return """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Stream %1$s · Polyplex</title>
                <style>
                body { margin: 0; background: #111; color: #eee; font: 16px system-ui, sans-serif; }
                main { max-width: 1280px; margin: 0 auto; padding: 1rem; }
                video { width: 100%%; aspect-ratio: 16 / 9; background: #000; }
                #status { padding: .75rem 0; }
                form { display: flex; gap: .5rem; flex-wrap: wrap; padding: .5rem 0; }
                </style>
                </head>
                <body>
                <main id="player" data-stream="%1$s">
                <video id="video" controls playsinline muted></video>
                <p id="status" role="status">Loading…</p>
                <form id="login" hidden>
                <input name="username" autocomplete="username" placeholder="Username" required>
                <input name="password" type="password" autocomplete="current-password" placeholder="Password" required>
                <button type="submit">Watch</button>
                </form>
                </main>
                <script src="%2$s"></script>
                <script src="/player/watch.js"></script>
                </body>
                </html>
                """.formatted(streamId, HLS_JS);
    }
}
