package org.polyplex.proxy.viewer;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;

/**
 * A viewer's connection without a network: its socket is full when told so, and it records every
 * write with the thread that made it. Its request is HTTP/1.1 on no real connection, so a drop
 * falls back to closing the response.
 */
final class ScriptedSocket {

    volatile boolean full;
    volatile boolean closed;
    final List<Buffer> written = new CopyOnWriteArrayList<>();
    /** The thread of each write, in the order of {@link #written}. */
    final List<String> threads = new CopyOnWriteArrayList<>();

    final HttpServerResponse response = (HttpServerResponse) Proxy.newProxyInstance(
            HttpServerResponse.class.getClassLoader(), new Class<?>[] { HttpServerResponse.class },
            (proxy, method, args) -> switch (method.getName()) {
                case "writeQueueFull" -> full;
                case "write" -> {
                    threads.add(Thread.currentThread().getName());
                    written.add((Buffer) args[0]);
                    yield Future.succeededFuture();
                }
                case "close" -> {
                    closed = true;
                    yield null;
                }
                case "closed", "ended" -> closed;
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> method.getReturnType() == HttpServerResponse.class ? proxy : null;
            });

    final HttpServerRequest request = (HttpServerRequest) Proxy.newProxyInstance(
            HttpServerRequest.class.getClassLoader(), new Class<?>[] { HttpServerRequest.class },
            (proxy, method, args) -> switch (method.getName()) {
                case "response" -> response;
                case "version" -> HttpVersion.HTTP_1_1;
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> null;
            });
}
