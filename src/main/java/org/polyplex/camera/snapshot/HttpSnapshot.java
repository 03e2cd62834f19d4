package org.polyplex.camera.snapshot;

import java.time.Duration;
import java.util.Optional;

import org.polyplex.camera.health.DigestAuth;
import org.polyplex.camera.model.CameraTarget;
import org.polyplex.platform.logging.Redaction;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Fetches a camera's JPEG from its snapshot URL: a GET that answers a 401 once with Basic or Digest
 * auth (Hikvision's {@code /ISAPI/Streaming/channels/101/picture}, Reolink's {@code cmd=Snap}),
 * bounded in time and size; anything but a 2xx image is a failure. Non-blocking.
 */
final class HttpSnapshot {

    private final Vertx vertx;
    private final HttpClient client;
    private final Duration timeout;
    private final int maxBytes;

    HttpSnapshot(Vertx vertx, HttpClient client, Duration timeout, int maxBytes) {
        this.vertx = vertx;
        this.client = client;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    Future<byte[]> fetch(CameraTarget camera) {
        Promise<byte[]> done = Promise.promise();
        long timer = vertx.setTimer(timeout.toMillis(), t -> done.tryFail(
                new SnapshotFailure("the snapshot URL gave no image within " + timeout.toMillis() + " ms", true)));
        get(camera, null).compose(r -> {
            if (r.statusCode() != 401 || camera.username() == null) {
                return Future.succeededFuture(r);
            }
            Optional<DigestAuth.Challenge> challenge = DigestAuth.best(r.headers().getAll("WWW-Authenticate"));
            r.request().connection().close();
            return challenge.isEmpty() ? Future.succeededFuture(r)
                    : get(camera, DigestAuth.authorization(challenge.get(), "GET", pathOf(camera.snapshotUrl()),
                            camera.username(), camera.password()));
        }).compose(this::body).onComplete(result -> {
            vertx.cancelTimer(timer);
            if (result.succeeded()) {
                done.tryComplete(result.result());
            } else {
                Throwable e = result.cause();
                done.tryFail(e instanceof SnapshotFailure ? e
                        : new SnapshotFailure("the snapshot URL failed: " + Redaction.message(e), false));
            }
        });
        return done.future();
    }

    private Future<HttpClientResponse> get(CameraTarget camera, String authorization) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(camera.snapshotUrl())
                .setIdleTimeout(timeout.toMillis());
        if (authorization != null) {
            options.putHeader("Authorization", authorization);
        }
        return client.request(options).compose(req -> req.send());
    }

    private Future<byte[]> body(HttpClientResponse r) {
        if (r.statusCode() == 401) {
            return Future.failedFuture(new SnapshotFailure("the snapshot URL answered 401 Unauthorized: wrong or missing"
                    + " username or password", false));
        }
        if (r.statusCode() / 100 != 2) {
            return Future.failedFuture(new SnapshotFailure("the snapshot URL answered " + r.statusCode(), false));
        }
        String type = r.getHeader("Content-Type");
        if (type != null && !type.toLowerCase(java.util.Locale.ROOT).startsWith("image/")) {
            return Future.failedFuture(new SnapshotFailure("the snapshot URL answered " + Redaction.line(type, 80)
                    + ", not an image", false));
        }
        Promise<byte[]> body = Promise.promise();
        Buffer collected = Buffer.buffer();
        r.handler(chunk -> {
            if (collected.length() + chunk.length() > maxBytes) {
                r.request().connection().close();
                body.tryFail(new SnapshotFailure("the snapshot is larger than " + maxBytes + " bytes", false));
                return;
            }
            collected.appendBuffer(chunk);
        });
        r.exceptionHandler(e -> body.tryFail(e));
        r.endHandler(v -> body.tryComplete(collected.getBytes()));
        return body.future();
    }

    private static String pathOf(String url) {
        java.net.URI uri = java.net.URI.create(url);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }
}
