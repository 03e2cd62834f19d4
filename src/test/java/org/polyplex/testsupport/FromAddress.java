package org.polyplex.testsupport;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * An HTTP client whose connections leave from one loopback address of {@code 127.0.0.0/8}, so
 * that a test can act as many distinct client addresses against the test server (on Linux every
 * address of that block is local). Requests wait for the whole answer: use it for answers with an
 * end, never for a live stream.
 */
public final class FromAddress implements AutoCloseable {

    private static final AtomicInteger NEXT = new AtomicInteger();

    /** What the server answered. */
    public record Reply(int status, MultiMap headers, String body) {
    }

    private final HttpClient client;
    private final int port;

    public FromAddress(Vertx vertx, String address, int port) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setLocalAddress(address));
        this.port = port;
    }

    /** A loopback address no other caller of this method got, never {@code 127.0.0.1}. */
    public static String fresh() {
        int n = NEXT.getAndIncrement();
        return "127.0." + (1 + n / 250) + "." + (2 + n % 250);
    }

    public Reply get(String uri) {
        return send(HttpMethod.GET, uri, null);
    }

    /** A GET with extra request headers, such as {@code X-Forwarded-For}. */
    public Reply get(String uri, Map<String, String> headers) {
        RequestOptions options = options(HttpMethod.GET, uri);
        headers.forEach(options::putHeader);
        return await(options, null);
    }

    public Reply head(String uri) {
        return send(HttpMethod.HEAD, uri, null);
    }

    public Reply postForm(String uri, Map<String, String> form) {
        return send(HttpMethod.POST, uri, form);
    }

    public Reply postJson(String uri, String json) {
        return postJson(uri, json, Map.of());
    }

    /** A JSON POST with extra request headers. */
    public Reply postJson(String uri, String json, Map<String, String> headers) {
        RequestOptions options = options(HttpMethod.POST, uri).putHeader("Content-Type", "application/json");
        headers.forEach(options::putHeader);
        return await(options, Buffer.buffer(json));
    }

    private Reply send(HttpMethod method, String uri, Map<String, String> form) {
        RequestOptions options = options(method, uri);
        if (form == null) {
            return await(options, null);
        }
        options.putHeader("Content-Type", "application/x-www-form-urlencoded");
        return await(options, Buffer.buffer(form.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"))));
    }

    private RequestOptions options(HttpMethod method, String uri) {
        return new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(uri);
    }

    private Reply await(RequestOptions options, Buffer body) {
        try {
            return client.request(options)
                    .compose(request -> body == null ? request.send() : request.send(body))
                    .compose(response -> response.body()
                            .map(bytes -> new Reply(response.statusCode(), response.headers(), bytes.toString())))
                    .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(options.getMethod() + " failed", e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
