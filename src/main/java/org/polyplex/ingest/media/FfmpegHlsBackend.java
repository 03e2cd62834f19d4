package org.polyplex.ingest.media;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import org.polyplex.platform.process.ProcessSpec;
import org.polyplex.platform.process.ProgressChannel;
import org.polyplex.platform.process.RestartPolicy;
import org.polyplex.platform.process.Supervisor;

/**
 * The media backend as one supervised ffmpeg per publish: FLV on stdin, HLS per rendition into the
 * generation's spool directory, the source as MPEG-TS on stdout (see docs/ingest-media.md). Used
 * when encoded renditions are configured ({@link PackagerChoice}).
 */
@ApplicationScoped
@Typed(FfmpegHlsBackend.class)
public class FfmpegHlsBackend implements MediaBackend {

    private final Supervisor supervisor;
    private final SpoolLayout layout;
    private final FfmpegCommand command;
    private final List<Rendition> renditions;
    private final RestartPolicy restart;
    private final Duration stallTimeout;
    private final Duration stopGrace;
    private final int inputQueueBytes;
    private final ScheduledThreadPoolExecutor poller;

    @Inject
    FfmpegHlsBackend(Supervisor supervisor, MediaConfig config, SpoolConfig spool) {
        this(supervisor, new SpoolLayout(Path.of(spool.spoolDir()).toAbsolutePath()),
                new FfmpegCommand(config.ffmpeg(), config.hlsTime(), config.hlsListSize()),
                renditions(config.renditions().orElse(List.of())),
                new RestartPolicy(config.restartMax(), config.restartWindow(), config.restartInitialBackoff(),
                        config.restartMaxBackoff()),
                config.stallTimeout(), config.stopGrace(), config.inputQueueBytes());
    }

    /** For plain use and tests: what {@link MediaConfig} and {@link SpoolConfig} configure. */
    public FfmpegHlsBackend(Supervisor supervisor, SpoolLayout layout, FfmpegCommand command,
            List<Rendition> renditions, RestartPolicy restart, Duration stallTimeout, Duration stopGrace,
            int inputQueueBytes) {
        this.supervisor = supervisor;
        this.layout = layout;
        this.command = command;
        this.renditions = List.copyOf(renditions);
        this.restart = restart;
        this.stallTimeout = stallTimeout;
        this.stopGrace = stopGrace;
        this.inputQueueBytes = inputQueueBytes;
        this.poller = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "ingest-playlist-poll");
            t.setDaemon(true);
            return t;
        });
        poller.setRemoveOnCancelPolicy(true);
    }

    static List<Rendition> renditions(List<String> variants) {
        List<Rendition> all = new ArrayList<>(List.of(Rendition.SOURCE));
        for (String v : variants) {
            if (!v.isBlank()) {
                all.add(Rendition.parse(v));
            }
        }
        return List.copyOf(all);
    }

    @Override
    public List<Rendition> renditions() {
        return renditions;
    }

    public SpoolLayout layout() {
        return layout;
    }

    /** The packager of each generation's latest run, until it is gone: a new run starts after it. */
    private final ConcurrentMap<GenerationKey, CompletableFuture<Void>> lastRuns = new ConcurrentHashMap<>();

    @Override
    public MediaPipeline start(PipelineSpec spec, PipelineListener listener) {
        Path dir = layout.generation(spec.streamId(), spec.generationId());
        ProcessSpec process = new ProcessSpec(spec.processName(), "ingest", command.build(spec, dir), dir, restart,
                ProgressChannel.STDERR, stallTimeout, stopGrace);
        FfmpegPipeline pipeline = new FfmpegPipeline(spec, process, dir, supervisor, poller, listener,
                inputQueueBytes);
        GenerationKey key = new GenerationKey(spec.streamId(), spec.generationId());
        CompletableFuture<Void> previous = lastRuns.put(key, pipeline.finished());
        pipeline.finished().whenComplete((v, e) -> lastRuns.remove(key, pipeline.finished()));
        pipeline.start(previous == null ? CompletableFuture.completedFuture(null) : previous,
                stopGrace.plusSeconds(5));
        return pipeline;
    }
}
