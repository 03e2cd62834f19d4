package org.polyplex.proxy.upstream.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.polyplex.platform.logging.Redaction;
import org.polyplex.proxy.upstream.api.Upstream;
import org.polyplex.proxy.upstream.api.UpstreamListener;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * An MPEG-TS stream over HTTP(S), chunked or not. Redirects are followed here, up to a bound, so
 * that a loop fails like any other error. Rejects HTML and non-2xx answers before any byte is
 * forwarded. First-byte and idle timeouts are the session's watchdog; the request's own idle
 * timeout is a second guard. The source's headers go on every request, redirects included
 * (players do the same); they replace the proxy's own {@code Accept} when they name one.
 */
final class HttpTsUpstream implements Upstream {

    private final HttpClient client;
    private final String url;
    private final Map<String, String> headers;
    private final int maxRedirects;
    private final Duration readGuard;
    private UpstreamListener listener;
    private HttpClientRequest request;
    private boolean closed;

    HttpTsUpstream(HttpClient client, String url, Map<String, String> headers, int maxRedirects, Duration readGuard) {
        this.client = client;
        this.url = url;
        this.headers = headers;
        this.maxRedirects = maxRedirects;
        this.readGuard = readGuard;
    }

    @Override
    public void open(UpstreamListener listener) {
        this.listener = listener;
        get(url, 0);
    }

    private void get(String target, int redirects) {
        RequestOptions options;
        try {
            options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(target).setFollowRedirects(false)
                    .setIdleTimeout(readGuard.toMillis()).addHeader(HttpHeaders.ACCEPT, "video/mp2t, */*");
            headers.forEach(options::putHeader);
        } catch (RuntimeException e) {
            // Its message holds the whole URL, credentials included.
            fail(redirects == 0 ? "invalid source URL" : "malformed redirect: unusable target");
            return;
        }
        Future<HttpClientRequest> pending;
        try {
            pending = client.request(options);
        } catch (IllegalStateException e) {
            // The shared client is closed: the application is stopping.
            fail("client closed");
            return;
        }
        pending.onComplete(ar -> {
            if (closed) {
                if (ar.succeeded()) {
                    ar.result().reset();
                }
                return;
            }
            if (ar.failed()) {
                fail("connect failed: " + ar.cause().getClass().getSimpleName());
                return;
            }
            request = ar.result();
            request.exceptionHandler(e -> fail("connection error: " + e.getClass().getSimpleName()));
            request.send().onSuccess(response -> onResponse(response, target, redirects))
                    .onFailure(e -> fail("request failed: " + e.getClass().getSimpleName()));
        });
    }

    private void onResponse(HttpClientResponse response, String target, int redirects) {
        if (closed) {
            return;
        }
        // Resetting a request makes its response report the reset; that is expected here.
        response.exceptionHandler(e -> {
        });
        int status = response.statusCode();
        String location = response.getHeader(HttpHeaders.LOCATION);
        if (status >= 300 && status < 400 && location != null) {
            request.reset();
            if (redirects >= maxRedirects) {
                fail("too many redirects (" + maxRedirects + ")");
                return;
            }
            resolve(target, location).ifPresentOrElse(next -> get(next, redirects + 1),
                    () -> fail("malformed redirect: not an http(s) URI"));
            return;
        }
        if (status != 200) {
            request.reset();
            fail("HTTP " + status);
            return;
        }
        String type = response.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("text/")) {
            request.reset();
            fail("not MPEG-TS: content type " + Redaction.text(type));
            return;
        }
        response.exceptionHandler(e -> fail("read error: " + e.getClass().getSimpleName()));
        response.endHandler(v -> fail("stream ended"));
        response.handler(data -> {
            if (!closed) {
                listener.onData(data);
            }
        });
    }

    /**
     * The redirect target, or empty when the Location cannot be resolved. Never the parser's
     * message: {@code URI.create} puts the whole URL, credentials included, into it.
     */
    static Optional<String> resolve(String target, String location) {
        try {
            URI next = new URI(target).resolve(new URI(location));
            String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
            return scheme.equals("http") || scheme.equals("https") ? Optional.of(next.toString()) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void fail(String reason) {
        if (closed) {
            return;
        }
        close();
        listener.onFailure(reason);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (request != null) {
            request.reset();
        }
    }
}
