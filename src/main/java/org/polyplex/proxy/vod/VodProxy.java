package org.polyplex.proxy.vod;

import java.util.List;
import java.util.concurrent.TimeoutException;

import io.quarkus.logging.Log;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;

/**
 * Proxies one movie or episode 1:1 from its upstream file, on the event loop: the client's
 * {@code Range} and validators go up, status and entity headers come down, the body is piped
 * with backpressure ({@code pipeTo} pauses the upstream while the client's write queue is full).
 * Nothing identifying the upstream (URL, host, credentials, redirects) reaches the client.
 */
final class VodProxy {

    /** Request headers a seeking player needs upstream; everything else stays here. */
    private static final List<CharSequence> UP = List.of("Range", "If-Range",
            HttpHeaders.IF_MODIFIED_SINCE, HttpHeaders.IF_NONE_MATCH, HttpHeaders.USER_AGENT);

    /** Entity headers the player needs; never Location, Server, Set-Cookie or the like. */
    private static final List<CharSequence> DOWN = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.CONTENT_LENGTH,
            HttpHeaders.CONTENT_RANGE, HttpHeaders.ACCEPT_RANGES, HttpHeaders.LAST_MODIFIED, HttpHeaders.ETAG);

    private final HttpClient client;
    private final long connectTimeoutMillis;
    private final long idleTimeoutMillis;

    VodProxy(HttpClient client, long connectTimeoutMillis, long idleTimeoutMillis) {
        this.client = client;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.idleTimeoutMillis = idleTimeoutMillis;
    }

    void proxy(HttpMethod method, MultiMap clientHeaders, HttpServerResponse response, VodTarget.Proxy target) {
        RequestOptions options = new RequestOptions()
                .setAbsoluteURI(target.upstreamUrl())
                .setMethod(method)
                .setFollowRedirects(true)
                .setConnectTimeout(connectTimeoutMillis)
                .setIdleTimeout(idleTimeoutMillis);
        for (CharSequence name : UP) {
            String value = clientHeaders.get(name);
            if (value != null) {
                options.putHeader(name, value);
            }
        }
        client.request(options)
                .compose(request -> {
                    // a player that goes away (seek, stop) must release the upstream connection now
                    response.closeHandler(v -> request.reset());
                    return request.send();
                })
                .onSuccess(upstream -> relay(method, upstream, response, target))
                .onFailure(failure -> fail(response, target, failure));
    }

    private static void relay(HttpMethod method, HttpClientResponse upstream, HttpServerResponse response,
            VodTarget.Proxy target) {
        int status = upstream.statusCode();
        if (status != 200 && status != 206 && status != 304 && status != 416) {
            Log.infof("vod upstream answered %d %s", status, target.logId());
            // drop the upstream's error body; the reset is expected, so it is not an error to log
            upstream.exceptionHandler(ignored -> {
            });
            upstream.request().reset();
            end(response, status == 404 ? 404 : 502);
            return;
        }
        response.setStatusCode(status);
        for (CharSequence name : DOWN) {
            String value = upstream.getHeader(name);
            if (value != null) {
                response.putHeader(name, value);
            }
        }
        if (upstream.getHeader(HttpHeaders.ACCEPT_RANGES) == null && status == 200) {
            response.putHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        }
        if (method == HttpMethod.HEAD || status == 304) {
            response.end();
            return;
        }
        if (upstream.getHeader(HttpHeaders.CONTENT_LENGTH) == null) {
            response.setChunked(true);
        }
        upstream.pipeTo(response).onFailure(e -> Log.debugf("vod transfer ended early %s: %s", target.logId(),
                e.getMessage()));
    }

    private static void fail(HttpServerResponse response, VodTarget.Proxy target, Throwable failure) {
        boolean timeout = failure instanceof TimeoutException
                || String.valueOf(failure.getMessage()).toLowerCase().contains("timeout");
        // the message may name the upstream host: log the entry id only, at debug the reason
        Log.infof("vod upstream failed %s (%s)", target.logId(), timeout ? "timeout" : failure.getClass().getSimpleName());
        end(response, timeout ? 504 : 502);
    }

    private static void end(HttpServerResponse response, int status) {
        if (!response.headWritten() && !response.ended()) {
            response.setStatusCode(status).end();
        } else if (!response.ended()) {
            response.reset();
        }
    }
}
