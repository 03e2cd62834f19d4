package org.polyplex.restream.overlay;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.polyplex.restream.config.RestreamConfig;
import org.polyplex.restream.ffmpeg.ImageDraw;
import org.polyplex.restream.ffmpeg.OverlayDraw;
import org.polyplex.restream.ffmpeg.OverlayGraph;
import org.polyplex.restream.model.Overlay;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;

/**
 * The overlay texts of running restreams, on air through files: a restream's overlays are rendered
 * to their files when it starts, re-rendered at once when their text or values change (no ffmpeg
 * restarts: drawtext re-reads the file every frame), and by ONE once-a-second clock task for every
 * restream when a template has {@code {time}} or {@code {date}}. A file is rewritten only when its
 * text changed. The files go when the restream stops or is deleted. Blocking: worker threads.
 */
@ApplicationScoped
public class OverlayLive {

    /** One overlay's template as it is on air. */
    private record Item(long id, String template) {
    }

    /** A running restream's overlays; guarded by itself. */
    private static final class Active {
        final String channel;
        List<Item> items = List.of();
        Map<String, String> values = Map.of();
        final Map<Long, String> written = new HashMap<>();

        Active(String channel) {
            this.channel = channel;
        }
    }

    private final OverlayFiles files;
    private final AssetService assets;
    private final ZoneId zone;
    private final Clock clock;
    private final Map<Long, Active> active = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "restream-overlay-clock");
        t.setDaemon(true);
        return t;
    });

    @Inject
    OverlayLive(RestreamConfig config, Clock clock, AssetService assets) {
        this.assets = assets;
        this.files = new OverlayFiles(Path.of(config.overlay().dir()));
        this.zone = config.overlay().timeZone();
        this.clock = clock;
    }

    @PostConstruct
    void init() {
        files.clear();
        ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        ticker.shutdownNow();
    }

    /** Renders the files of a restream that starts; answers what its encoded ffmpegs draw. */
    public OverlayGraph activate(long restreamId, String channel, List<Overlay> overlays, Map<String, String> values) {
        Active a = new Active(channel);
        active.put(restreamId, a);
        return apply(restreamId, a, overlays, values);
    }

    /** Re-renders a running restream's files after a change; empty when it does not run. */
    public Optional<OverlayGraph> refresh(long restreamId, List<Overlay> overlays, Map<String, String> values) {
        Active a = active.get(restreamId);
        return a == null ? Optional.empty() : Optional.of(apply(restreamId, a, overlays, values));
    }

    /** The restream stopped or was deleted: its files go. */
    public void deactivate(long restreamId) {
        Active a = active.remove(restreamId);
        if (a != null) {
            synchronized (a) {
                files.remove(restreamId);
            }
        } else {
            files.remove(restreamId);
        }
    }

    /** The text of an overlay rendered now (for API answers). */
    public String preview(String template, String channel, Map<String, String> values) {
        return OverlayTemplate.render(template, clock.instant(), zone, channel, values);
    }

    private OverlayGraph apply(long restreamId, Active a, List<Overlay> overlays, Map<String, String> values) {
        List<Overlay> text = overlays.stream().filter(o -> "text".equals(o.type)).toList();
        synchronized (a) {
            a.items = text.stream().map(o -> new Item(o.id, o.text)).toList();
            a.values = Map.copyOf(values);
            render(restreamId, a, false);
        }
        List<ImageDraw> images = overlays.stream().filter(o -> "image".equals(o.type))
                .map(o -> new ImageDraw(o.id, assets.file(o.assetId), o.x, o.y, o.scale, o.opacity,
                        new ImageDraw.Fades(o.fadeInSeconds, o.fadeOutSeconds, o.durationSeconds)))
                .toList();
        return new OverlayGraph(images, text.stream().map(o -> draw(restreamId, o)).toList());
    }

    private OverlayDraw draw(long restreamId, Overlay o) {
        return new OverlayDraw(o.id, files.file(restreamId, o.id), o.x, o.y, o.fontSize, o.color, o.boxColor,
                o.opacity, o.fadeInSeconds, o.fadeOutSeconds, o.durationSeconds);
    }

    /** Writes each file whose text changed; {@code clockOnly} limits it to templates with time or date. */
    private void render(long restreamId, Active a, boolean clockOnly) {
        for (Item i : a.items) {
            if (clockOnly && !OverlayTemplate.usesClock(i.template())) {
                continue;
            }
            String text = OverlayTemplate.render(i.template(), clock.instant(), zone, a.channel, a.values);
            if (!text.equals(a.written.get(i.id()))) {
                files.write(restreamId, i.id(), text);
                a.written.put(i.id(), text);
            }
        }
    }

    private void tick() {
        active.forEach((id, a) -> {
            try {
                synchronized (a) {
                    if (active.get(id) == a) {
                        render(id, a, true);
                    }
                }
            } catch (RuntimeException e) {
                Log.warnf("restream %d: cannot render its overlays: %s", id, e.getMessage());
            }
        });
    }
}
