package org.polyplex.proxy.upstream.fetch;

import java.time.Duration;
import java.util.Map;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * A small GET whose whole body is wanted (an engine answer, a playlist, a key, a segment),
 * bounded in size and in silence: a body over {@code maxBytes} or no byte for {@code idle}
 * fails it. Failure messages are fit for logs (they never contain the URL). Callbacks run on
 * the caller's context.
 */
public final class BoundedGet {

    /** A 2xx answer and its body. */
    public record Answer(int status, String contentType, Buffer body) {
    }

    /** A failed fetch: {@code status} is the HTTP status, or 0 when there was no answer. */
    public static final class FetchException extends RuntimeException {
        public final int status;

        public FetchException(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private BoundedGet() {
    }

    public static Future<Answer> get(HttpClient client, String url, Duration idle, int maxBytes) {
        return get(client, url, Map.of(), idle, maxBytes);
    }

    /** As {@link #get(HttpClient, String, Duration, int)}, with request headers (a source's own). */
    public static Future<Answer> get(HttpClient client, String url, Map<String, String> headers, Duration idle,
            int maxBytes) {
        RequestOptions options;
        try {
            options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url).setFollowRedirects(true)
                    .setIdleTimeout(idle.toMillis());
            headers.forEach(options::putHeader);
        } catch (RuntimeException e) {
            return Future.failedFuture(new FetchException(0, "invalid URL"));
        }
        Promise<Answer> result = Promise.promise();
        try {
            client.request(options).compose(request -> request.send()).onComplete(ar -> {
                if (ar.failed()) {
                    result.tryFail(new FetchException(0, describe(ar.cause())));
                } else {
                    read(ar.result(), maxBytes, result);
                }
            });
        } catch (IllegalStateException e) {
            result.tryFail(new FetchException(0, "client closed"));
        }
        return result.future();
    }

    private static void read(HttpClientResponse response, int maxBytes, Promise<Answer> result) {
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            response.exceptionHandler(e -> {
            });
            response.request().reset();
            result.tryFail(new FetchException(status, "HTTP " + status));
            return;
        }
        Buffer body = Buffer.buffer();
        response.exceptionHandler(e -> result.tryFail(new FetchException(0, describe(e))));
        response.handler(chunk -> {
            if (body.length() + chunk.length() > maxBytes) {
                response.request().reset();
                result.tryFail(new FetchException(status, "answer larger than " + maxBytes + " bytes"));
                return;
            }
            body.appendBuffer(chunk);
        });
        response.endHandler(v -> result.tryComplete(new Answer(status, response.getHeader("Content-Type"), body)));
    }

    private static String describe(Throwable e) {
        String name = e.getClass().getSimpleName();
        return name.contains("Timeout") ? "timed out" : "connection failed: " + name;
    }
}
