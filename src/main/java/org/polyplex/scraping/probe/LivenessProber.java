package org.polyplex.scraping.probe;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Probes http(s) channel sources: a GET whose response headers decide (2xx and 3xx are online),
 * after which the body is abandoned, so a live stream is held open only for a moment. At most
 * {@code concurrency} probes run at once, and never more against one provider account or host
 * than its connection cap. Blocking; run it on a worker thread. No CDI.
 */
public final class LivenessProber {

    private final int concurrency;
    private final Duration timeout;
    private final String userAgent;
    private final HttpClient client;

    public LivenessProber(int concurrency, Duration timeout, String userAgent) {
        this.concurrency = Math.max(1, concurrency);
        this.timeout = timeout;
        this.userAgent = userAgent;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Probes every target and answers online or not by channel source id. */
    public Map<Long, Boolean> probe(List<ProbeTarget> targets) {
        Map<String, Semaphore> caps = new HashMap<>();
        for (ProbeTarget t : targets) {
            if (t.maxConnections() != null) {
                caps.merge(t.capGroup(), new Semaphore(t.maxConnections()),
                        (a, b) -> a.availablePermits() <= b.availablePermits() ? a : b);
            }
        }
        Map<Long, Boolean> results = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "liveness-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            for (ProbeTarget t : targets) {
                Semaphore cap = caps.get(t.capGroup());
                pool.execute(() -> results.put(t.sourceId(), capped(cap, t.url())));
            }
        } finally {
            pool.shutdown();
            try {
                if (!pool.awaitTermination(timeout.toMillis() * (targets.size() / concurrency + 2), TimeUnit.MILLISECONDS)) {
                    pool.shutdownNow();
                }
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        return results;
    }

    private boolean capped(Semaphore cap, String url) {
        if (cap == null) {
            return online(url);
        }
        try {
            cap.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            return online(url);
        } finally {
            cap.release();
        }
    }

    boolean online(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("User-Agent", userAgent)
                    .GET().build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response.statusCode() >= 200 && response.statusCode() < 400;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
