package org.polyplex.ingest.media;

import java.nio.file.Path;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;

/**
 * The media backend publishes use, as {@code polyplex.ingest.packager} chooses: the remux backend
 * when the source is the only rendition (no process per publisher), the ffmpeg packager when
 * encoded variants are configured or it is asked for. Checked at start-up: {@code remux} with
 * variants is a configuration error.
 */
@ApplicationScoped
public class PackagerChoice implements MediaBackend {

    private final MediaBackend chosen;
    private final RemuxBackend remux;

    @Inject
    PackagerChoice(FfmpegHlsBackend ffmpeg, MediaConfig config, SpoolConfig spool) {
        if (resolve(config.packager(), ffmpeg.renditions().size() > 1) == MediaConfig.Packager.FFMPEG) {
            remux = null;
            chosen = ffmpeg;
        } else {
            remux = new RemuxBackend(new SpoolLayout(Path.of(spool.spoolDir()).toAbsolutePath()),
                    config.hlsTime().toMillis(), config.hlsListSize(), config.inputQueueBytes(),
                    config.segmentWriters());
            chosen = remux;
        }
        Log.infof("ingest: publishes are packaged by %s", chosen == ffmpeg ? "ffmpeg" : "the built-in remuxer");
    }

    /**
     * The packager {@code asked} means when encoded variants are (or are not) configured:
     * {@code REMUX} or {@code FFMPEG}.
     *
     * @throws IllegalStateException for {@code REMUX} with variants
     */
    static MediaConfig.Packager resolve(MediaConfig.Packager asked, boolean variants) {
        return switch (asked) {
            case FFMPEG -> MediaConfig.Packager.FFMPEG;
            case AUTO -> variants ? MediaConfig.Packager.FFMPEG : MediaConfig.Packager.REMUX;
            case REMUX -> {
                if (variants) {
                    throw new IllegalStateException("polyplex.ingest.packager=remux packages the source only;"
                            + " remove polyplex.ingest.renditions or use auto");
                }
                yield MediaConfig.Packager.REMUX;
            }
        };
    }

    @Override
    public MediaPipeline start(PipelineSpec spec, PipelineListener listener) {
        return chosen.start(spec, listener);
    }

    @Override
    public List<Rendition> renditions() {
        return chosen.renditions();
    }

    @PreDestroy
    void close() {
        if (remux != null) {
            remux.close();
        }
    }
}
