package org.polyplex.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Plays viewers against the running Quarkus app with the JDK client (HTTP/1.1, streaming body). */
final class LiveStreams {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private LiveStreams() {
    }

    /** Opens a stream; the caller reads and closes the body. */
    static HttpResponse<InputStream> open(String baseUrl, String path) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static byte[] read(HttpResponse<InputStream> response, int bytes) {
        try {
            return response.body().readNBytes(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads until the server ends the body; returns the byte count. */
    static long drain(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            return in.transferTo(OutputStreamSink.INSTANCE);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Asserts that the server ends the body within {@code seconds}: drains it on another thread
     * and fails, rather than hangs, when the stream goes on.
     */
    static void assertEndsWithin(HttpResponse<InputStream> response, int seconds) {
        CompletableFuture<Long> drained = CompletableFuture.supplyAsync(() -> drain(response));
        try {
            drained.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            close(response);
            throw new AssertionError("the stream was still open after " + seconds + " s");
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class OutputStreamSink extends OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
