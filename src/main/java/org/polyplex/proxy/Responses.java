package org.polyplex.proxy;

import org.polyplex.platform.web.ApiError;
import org.polyplex.proxy.metrics.ProxyMetrics;
import org.polyplex.proxy.viewer.Admission;
import org.polyplex.proxy.viewer.HlsViewer;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;

/**
 * The HTTP shape of the stream routes' answers, in one place: the TS stream head, the HLS
 * redirect to a token URL, and the JSON refusals, all before any stream byte. Sessions only say
 * admitted or refused (with a code); a refusal for lack of room ({@code too_many_viewers},
 * {@code memory_budget}) is a {@code 503} with {@code Retry-After}. With refusal slates on, a TS
 * player refused for a reason that has one gets the slate instead ({@link #slate}).
 */
public final class Responses {

    public static final String TS_TYPE = "video/mp2t";
    static final String PLAYLIST_TYPE = "application/vnd.apple.mpegurl";

    /** The context-local key Quarkus' HTTP server metrics read the route template from. */
    private static final String METRICS_TEMPLATE = "UrlPathTemplate";

    private Responses() {
    }

    /** A TS viewer's answer: {@code 200} and a chunked MPEG-TS stream, or {@code 503} with the refusal. */
    public static Admission stream(HttpServerResponse response, ProxyMetrics metrics) {
        return new Admission() {
            @Override
            public void admitted() {
                response.setStatusCode(200).setChunked(true).putHeader("Content-Type", TS_TYPE)
                        .putHeader("Cache-Control", "no-cache, no-store");
                response.writeHead();
            }

            @Override
            public void refused(String code, String message) {
                busy(response, metrics, code, message);
            }
        };
    }

    /** An HLS viewer's answer: {@code 302} to its token playlist, or {@code 503} with the refusal. */
    public static Admission playlistRedirect(HttpServerResponse response, HlsViewer viewer, ProxyMetrics metrics) {
        return new Admission() {
            @Override
            public void admitted() {
                redirect(response, viewer);
            }

            @Override
            public void refused(String code, String message) {
                busy(response, metrics, code, message);
            }
        };
    }

    /** A session's refusal for lack of room (viewers, memory): {@code 503} that may be retried soon. */
    private static void busy(HttpServerResponse response, ProxyMetrics metrics, String code, String message) {
        response.putHeader("Retry-After", "5");
        refuse(response, metrics, 503, code, message);
    }

    /** Sends the player to its token URL: reloads and segments then never carry the password. */
    static void redirect(HttpServerResponse response, HlsViewer viewer) {
        response.setStatusCode(302).putHeader("Location", HlsRoutes.playlistPath(viewer))
                .putHeader("Cache-Control", "no-store").end();
    }

    /** A counted refusal; {@code code} is a short fixed word, never user input (it is a metrics label). */
    static void refuse(HttpServerResponse response, ProxyMetrics metrics, int status, String code, String message) {
        metrics.refused(code);
        error(response, status, code, message);
    }

    /** The header that names the refusal a slate answers, so that the refusal stays observable. */
    static final String REFUSAL_HEADER = "X-Polyplex-Refusal";

    /**
     * A counted refusal answered with a slate: {@code 200}, a short MPEG-TS video with the reason,
     * the refusal code in {@link #REFUSAL_HEADER}, then the end of the answer (the player shows the
     * video, then reconnects, and the refusal is judged again).
     */
    static void slate(HttpServerResponse response, ProxyMetrics metrics, String code, Buffer video) {
        metrics.refused(code);
        response.setStatusCode(200).putHeader("Content-Type", TS_TYPE).putHeader("Cache-Control", "no-cache, no-store")
                .putHeader(REFUSAL_HEADER, code).end(video);
    }

    /** A JSON error that no cache keeps. */
    public static void error(HttpServerResponse response, int status, String code, String message) {
        response.setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end(Json.encode(new ApiError(status, code, message)));
    }

    /**
     * Labels the request for the HTTP server metrics, which otherwise use its path: stream paths
     * carry credentials or tokens, which must not become Prometheus labels.
     */
    public static void metricsTemplate(String template) {
        Context context = Vertx.currentContext();
        if (context != null) {
            context.putLocal(METRICS_TEMPLATE, template);
        }
    }
}
