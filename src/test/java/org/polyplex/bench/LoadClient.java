package org.polyplex.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;

/**
 * The benchmark's viewers: plain HTTP/1.1 connections that read as fast as they can and count
 * bytes. A viewer can keep its first bytes with their arrival times (join checks) and scan the
 * packet stream for a PID (failover checks).
 */
final class LoadClient implements AutoCloseable {

    final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    private final HttpClient client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(10_000)
            .setKeepAlive(false).setReceiveBufferSize(256 * 1024));
    private final Map<String, HttpClient> fromAddress = new HashMap<>();

    /** One viewer. Fields are written by its event loop and read after the fact. */
    static final class Viewer {
        final long startNanos = System.nanoTime();
        final int keep;
        volatile long bytes;
        volatile long firstByteNanos;
        volatile boolean ended;
        volatile int status;
        final Buffer head = Buffer.buffer();
        final List<long[]> arrivals = new ArrayList<>();
        volatile BiConsumer<byte[], Integer> scanner;
        private final byte[] carry = new byte[188];
        private int carryLen;
        private long position;
        HttpClientResponse response;

        Viewer(int keep) {
            this.keep = keep;
        }

        void onData(Buffer chunk) {
            long now = System.nanoTime();
            if (firstByteNanos == 0) {
                firstByteNanos = now;
            }
            if (head.length() < keep) {
                head.appendBuffer(chunk, 0, Math.min(chunk.length(), keep - head.length()));
                arrivals.add(new long[] { head.length(), now });
            }
            bytes += chunk.length();
            BiConsumer<byte[], Integer> scan = scanner;
            if (scan != null) {
                scan(chunk.getBytes(), scan);
            } else {
                position += chunk.length();
            }
        }

        private void scan(byte[] data, BiConsumer<byte[], Integer> scan) {
            int i = 0;
            int misalign = (int) (position % 188);
            position += data.length;
            if (misalign != 0 && carryLen == 0) {
                // Joined the scan mid-packet: skip to the next packet boundary.
                i = Math.min(188 - misalign, data.length);
            }
            if (carryLen > 0) {
                int n = Math.min(188 - carryLen, data.length);
                System.arraycopy(data, 0, carry, carryLen, n);
                carryLen += n;
                i = n;
                if (carryLen < 188) {
                    return;
                }
                scan.accept(carry, 0);
                carryLen = 0;
            }
            for (; i + 188 <= data.length; i += 188) {
                scan.accept(data, i);
            }
            if (i < data.length) {
                carryLen = data.length - i;
                System.arraycopy(data, i, carry, 0, carryLen);
            }
        }
    }

    List<Viewer> open(int port, String path, int count, int keep) {
        List<Viewer> viewers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            viewers.add(open(port, path, keep));
        }
        return viewers;
    }

    Viewer open(int port, String path, int keep) {
        return open(client, port, path, keep);
    }

    /**
     * A viewer whose connection leaves from {@code address} (any of 127.0.0.0/8 on Linux), so
     * that an application that counts viewers per client address sees distinct viewers.
     */
    Viewer openFrom(String address, int port, String path, int keep) {
        HttpClient from = fromAddress.computeIfAbsent(address, a -> vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(100).setKeepAlive(false).setReceiveBufferSize(256 * 1024).setLocalAddress(a)));
        return open(from, port, path, keep);
    }

    private Viewer open(HttpClient client, int port, String path, int keep) {
        Viewer viewer = new Viewer(keep);
        // From an event loop: the connection then lives on that loop, so the response callback
        // runs on the thread that reads the body and sets its handler before the first chunk
        // (from another thread, chunks that arrive first would be dropped).
        vertx.runOnContext(go -> client.request(HttpMethod.GET, port, "127.0.0.1", path).compose(r -> r.send())
                .onSuccess(response -> {
                    viewer.response = response;
                    viewer.status = response.statusCode();
                    response.handler(viewer::onData);
                    response.endHandler(v -> viewer.ended = true);
                    response.exceptionHandler(e -> viewer.ended = true);
                }).onFailure(e -> viewer.ended = true));
        return viewer;
    }

    /** Reads a URL again and again (nginx serving a file), counting into one viewer. */
    Viewer loop(int port, String path) {
        Viewer viewer = new Viewer(0);
        again(port, path, viewer);
        return viewer;
    }

    private void again(int port, String path, Viewer viewer) {
        if (viewer.ended) {
            return;
        }
        client.request(HttpMethod.GET, port, "127.0.0.1", path).compose(r -> r.send()).onSuccess(response -> {
            viewer.response = response;
            response.handler(viewer::onData);
            response.endHandler(v -> again(port, path, viewer));
        });
    }

    static void close(List<Viewer> viewers) {
        for (Viewer viewer : viewers) {
            viewer.ended = true;
            if (viewer.response != null) {
                viewer.response.request().connection().close();
            }
        }
    }

    @Override
    public void close() {
        vertx.close();
    }
}
