package org.polyplex.scraping.probe;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.polyplex.platform.fetch.BlockingFetcher;
import org.polyplex.platform.fetch.FetchException;
import org.polyplex.platform.fetch.FetchPolicy;
import org.polyplex.platform.fetch.FetchedBody;

/**
 * Probes http(s) channel sources: a GET whose answer decides (2xx and 3xx are online), after which
 * the body is closed at once, so a live stream is held open only for a moment. The GET goes
 * through the platform's {@link BlockingFetcher} with connect, read and total timeouts all the
 * probe timeout and no redirect followed. At most {@code concurrency} probes run at once, and
 * never more against one provider account or host than its connection cap. Blocking; run it on
 * a worker thread, and close it after the run. No CDI.
 */
public final class LivenessProber implements AutoCloseable {

    /** Caps of a probe's body; it is closed after its first bytes anyway. */
    private static final long CAP = 1024 * 1024;

    private final int concurrency;
    private final Duration timeout;
    private final BlockingFetcher fetcher;

    public LivenessProber(int concurrency, Duration timeout, String userAgent) {
        this.concurrency = Math.max(1, concurrency);
        this.timeout = timeout;
        this.fetcher = new BlockingFetcher(new FetchPolicy(timeout, timeout, timeout, CAP, CAP, 0, userAgent));
    }

    /** Stops the fetcher's watchdog. */
    @Override
    public void close() {
        fetcher.close();
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
        try (FetchedBody body = fetcher.open(url)) {
            return true;
        } catch (FetchException e) {
            // a redirect (none is followed) or any other 2xx/3xx answer means the source is there
            return switch (e.kind()) {
                case TOO_MANY_REDIRECTS -> true;
                case HTTP_STATUS -> e.status() >= 200 && e.status() < 400;
                default -> false;
            };
        } catch (IOException e) {
            // closing the body failed after a 200: the source answered
            return true;
        }
    }
}
