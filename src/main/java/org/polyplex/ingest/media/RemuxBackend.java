package org.polyplex.ingest.media;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The media backend for generations whose only rendition is the source: the publish is remuxed
 * inside Polyplex ({@link RemuxPipeline}), with no process per publisher. Segments and playlists
 * are written by a small pool of writer threads shared by all publishes.
 */
public final class RemuxBackend implements MediaBackend {

    private final SpoolLayout layout;
    private final long segmentMillis;
    private final int listSize;
    private final long maxPendingBytes;
    private final ExecutorService writers;
    private final ConcurrentMap<GenerationKey, CompletableFuture<Void>> lastRuns = new ConcurrentHashMap<>();

    public RemuxBackend(SpoolLayout layout, long segmentMillis, int listSize, long maxPendingBytes, int writerThreads) {
        this.layout = layout;
        this.segmentMillis = segmentMillis;
        this.listSize = listSize;
        this.maxPendingBytes = maxPendingBytes;
        AtomicInteger n = new AtomicInteger();
        this.writers = Executors.newFixedThreadPool(writerThreads, r -> {
            Thread t = new Thread(r, "ingest-segment-writer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public List<Rendition> renditions() {
        return List.of(Rendition.SOURCE);
    }

    @Override
    public MediaPipeline start(PipelineSpec spec, PipelineListener listener) {
        if (spec.renditions().size() != 1) {
            throw new IllegalArgumentException("the remux backend packages the source rendition only");
        }
        GenerationKey key = new GenerationKey(spec.streamId(), spec.generationId());
        CompletableFuture<Void> previous = lastRuns.getOrDefault(key, CompletableFuture.completedFuture(null));
        RemuxPipeline pipeline = new RemuxPipeline(spec, layout.generation(spec.streamId(), spec.generationId()),
                writers, listener, segmentMillis, listSize, maxPendingBytes, previous);
        lastRuns.put(key, pipeline.finished());
        pipeline.finished().whenComplete((v, e) -> lastRuns.remove(key, pipeline.finished()));
        return pipeline;
    }

    /** Stops the writers (at shutdown), letting the writes already handed over finish. */
    public void close() {
        writers.shutdown();
        try {
            if (!writers.awaitTermination(5, TimeUnit.SECONDS)) {
                writers.shutdownNow();
            }
        } catch (InterruptedException e) {
            writers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
