package org.polyplex.archive.serve;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.polyplex.catalog.CatalogSnapshot;

import io.quarkus.logging.Log;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;

/**
 * Catch-up of a channel whose provider keeps the archive: the window is asked of the provider's
 * Xtream timeshift URL ({@code {base}/timeshift/{u}/{p}/{minutes}/{YYYY-MM-DD:HH-mm}/{id}.ts}, the
 * start in the provider's zone) and proxied on the event loop, never redirected: the provider's
 * URL and credentials stay here. {@code Range} goes up; status, {@code Content-Type},
 * {@code Content-Length}, {@code Content-Range} and {@code Accept-Ranges} come down. Any other
 * upstream status is our {@code 404 provider_not_archived} (its 404) or {@code 502 provider_error},
 * a failure to connect or answer within the bounds {@code 502}/{@code 504}: short JSON messages
 * that never name the provider.
 */
final class ProviderTimeshift {

    private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd:HH-mm");

    private static final List<CharSequence> DOWN = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.CONTENT_LENGTH,
            HttpHeaders.CONTENT_RANGE, HttpHeaders.ACCEPT_RANGES);

    private final HttpClient client;
    private final long connectTimeoutMillis;
    private final long idleTimeoutMillis;

    ProviderTimeshift(HttpClient client, long connectTimeoutMillis, long idleTimeoutMillis) {
        this.client = client;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.idleTimeoutMillis = idleTimeoutMillis;
    }

    /**
     * The provider's timeshift URL of {@code [from, from + minutes)}: the start as the provider's
     * wall clock shows it ({@code archiveTimeZone}, UTC when the provider named none).
     */
    static String url(CatalogSnapshot.Source source, Instant from, long minutes) {
        String[] parts = source.providerTimeshift().orElseThrow();
        return parts[0] + "/timeshift/" + parts[1] + "/" + parts[2] + "/" + minutes + "/"
                + START.format(from.atZone(zone(source.archiveTimeZone()))) + "/" + parts[3] + ".ts";
    }

    /** Whole minutes covering {@code [from, to)}, at least one. */
    static long minutes(Instant from, Instant to) {
        long seconds = Math.max(1, Duration.between(from, to).getSeconds());
        return (seconds + 59) / 60;
    }

    private static ZoneId zone(String name) {
        if (name == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /**
     * Relays the provider's answer to {@code response}; the future completes when the answer has
     * ended (or failed), so that the caller releases its connection slot then.
     */
    Future<Void> proxy(HttpMethod method, String range, HttpServerResponse response, String upstreamUrl,
            long channelId) {
        RequestOptions options = new RequestOptions().setAbsoluteURI(upstreamUrl).setMethod(method)
                .setFollowRedirects(true).setConnectTimeout(connectTimeoutMillis).setIdleTimeout(idleTimeoutMillis);
        if (range != null) {
            options.putHeader("Range", range);
        }
        return client.request(options).compose(request -> {
            // a player that goes away (seek, stop) releases the provider connection now
            response.closeHandler(v -> request.reset());
            return request.send();
        }).compose(upstream -> relay(method, upstream, response, channelId), failure -> {
            boolean timeout = failure instanceof TimeoutException
                    || String.valueOf(failure.getMessage()).toLowerCase().contains("timeout");
            // the failure's message may name the provider's host: the channel and the kind only
            Log.infof("provider catch-up failed channel=%d (%s)", channelId,
                    timeout ? "timeout" : failure.getClass().getSimpleName());
            throw timeout ? new CatchupRefusal(504, "provider_timeout", "the provider's archive did not answer in time")
                    : new CatchupRefusal(502, "provider_error", "the provider's archive could not be reached");
        });
    }

    private static Future<Void> relay(HttpMethod method, HttpClientResponse upstream, HttpServerResponse response,
            long channelId) {
        int status = upstream.statusCode();
        if (status != 200 && status != 206 && status != 416) {
            Log.infof("provider catch-up answered %d channel=%d", status, channelId);
            upstream.exceptionHandler(ignored -> {
            });
            upstream.request().reset();
            return Future.failedFuture(status == 404
                    ? new CatchupRefusal(404, "provider_not_archived", "the provider has no archive of that window")
                    : new CatchupRefusal(502, "provider_error", "the provider's archive answered " + status));
        }
        response.setStatusCode(status);
        for (CharSequence name : DOWN) {
            String value = upstream.getHeader(name);
            if (value != null) {
                response.putHeader(name, value);
            }
        }
        if (upstream.getHeader(HttpHeaders.CONTENT_TYPE) == null) {
            response.putHeader(HttpHeaders.CONTENT_TYPE, "video/mp2t");
        }
        response.putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (method == HttpMethod.HEAD) {
            return response.end();
        }
        if (upstream.getHeader(HttpHeaders.CONTENT_LENGTH) == null) {
            response.setChunked(true);
        }
        return upstream.pipeTo(response).recover(e -> {
            Log.debugf("provider catch-up ended early channel=%d", channelId);
            if (!response.ended()) {
                response.reset();
            }
            return Future.succeededFuture();
        });
    }
}
