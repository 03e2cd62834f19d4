package org.polyplex.proxy;

import java.util.NoSuchElementException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.polyplex.platform.logging.Redaction;
import org.polyplex.proxy.config.ProxyConfig;
import org.polyplex.proxy.metrics.ProxyMetrics;
import org.polyplex.proxy.session.SessionRegistry;
import org.polyplex.proxy.viewer.HlsTokens;
import org.polyplex.proxy.viewer.HlsViewer;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * HLS output behind per-viewer tokens: {@code /hls/{token}/{channel}.m3u8}, the live media
 * playlist, and {@code /hls/{token}/{channel}/{sequence}.ts}, its segments, GET and HEAD. A token
 * is issued by the {@code /live/.../{id}.m3u8} route of {@link StreamRoutes}; every request with it
 * keeps its viewer counted. Playlists are never cached; segments are immutable and cacheable;
 * unknown tokens and segments not (or no longer) in the window answer 404 that no cache keeps.
 */
@ApplicationScoped
public class HlsRoutes {

    static final String PLAYLIST = "^/hls/([A-Za-z0-9_-]{1,64})/([0-9]{1,18})\\.m3u8$";
    static final String SEGMENT = "^/hls/([A-Za-z0-9_-]{1,64})/([0-9]{1,18})/([0-9]{1,18})\\.ts$";

    private final SessionRegistry registry;
    private final HlsTokens tokens;
    private final ProxyMetrics metrics;
    private final String segmentCacheControl;

    HlsRoutes(SessionRegistry registry, HlsTokens tokens, ProxyMetrics metrics, ProxyConfig config) {
        this.registry = registry;
        this.tokens = tokens;
        this.metrics = metrics;
        long windowSeconds = config.hlsOutput().targetDuration().toSeconds() * config.hlsOutput().windowSegments();
        this.segmentCacheControl = "public, max-age=" + Math.max(windowSeconds, 1) + ", immutable";
    }

    /** Where an HLS viewer's player finds its playlist. */
    static String playlistPath(HlsViewer viewer) {
        return "/hls/" + viewer.token() + "/" + viewer.channelId() + ".m3u8";
    }

    void init(@Observes Router router) {
        for (HttpMethod method : new HttpMethod[] { HttpMethod.GET, HttpMethod.HEAD }) {
            router.routeWithRegex(method, PLAYLIST).handler(this::playlist);
            router.routeWithRegex(method, SEGMENT).handler(this::segment);
        }
    }

    private void playlist(RoutingContext ctx) {
        Optional<HlsViewer> viewer = viewer(ctx);
        if (viewer.isEmpty()) {
            return;
        }
        HttpServerResponse response = ctx.response();
        registry.hlsPlaylist(viewer.get(), viewer.get().channelId() + "/").onComplete(ar -> {
            if (ar.failed() && ar.cause() instanceof NoSuchElementException) {
                unknownToken(response);
                return;
            }
            if (ar.failed()) {
                response.putHeader("Retry-After", "2");
                Responses.refuse(response, metrics, 503, "hls_not_ready",
                        "the channel is not streaming: " + Redaction.message(ar.cause()));
                return;
            }
            response.putHeader("Content-Type", Responses.PLAYLIST_TYPE).putHeader("Cache-Control", "no-cache");
            send(ctx, Buffer.buffer(ar.result()));
        });
    }

    private void segment(RoutingContext ctx) {
        Optional<HlsViewer> viewer = viewer(ctx);
        if (viewer.isEmpty()) {
            return;
        }
        long sequence = Long.parseLong(ctx.pathParam("param2"));
        HttpServerResponse response = ctx.response();
        boolean body = ctx.request().method() != HttpMethod.HEAD;
        registry.hlsSegment(viewer.get(), sequence, body).onComplete(ar -> {
            if (ar.failed() || ar.result().isEmpty()) {
                Responses.error(response, 404, "segment_not_found",
                        "segment " + sequence + " is not in the live window");
                return;
            }
            response.putHeader("Content-Type", Responses.TS_TYPE).putHeader("Cache-Control", segmentCacheControl);
            send(ctx, ar.result().get().bytes());
        });
    }

    /** Ends the response with the body, or with its length only for HEAD (the server would send the body). */
    private static void send(RoutingContext ctx, Buffer body) {
        if (ctx.request().method() == HttpMethod.HEAD) {
            ctx.response().putHeader("Content-Length", String.valueOf(body.length())).end();
        } else {
            ctx.response().end(body);
        }
    }

    /** The token's live viewer for the path's channel, or empty after answering 404. */
    private Optional<HlsViewer> viewer(RoutingContext ctx) {
        Responses.metricsTemplate("/hls");
        long channelId = Long.parseLong(ctx.pathParam("param1"));
        Optional<HlsViewer> viewer = tokens.find(ctx.pathParam("param0")).filter(v -> v.channelId() == channelId);
        if (viewer.isEmpty()) {
            unknownToken(ctx.response());
        }
        return viewer;
    }

    private void unknownToken(HttpServerResponse response) {
        Responses.refuse(response, metrics, 404, "hls_token_unknown",
                "unknown or expired HLS token: open the channel's .m3u8 URL again");
    }
}
