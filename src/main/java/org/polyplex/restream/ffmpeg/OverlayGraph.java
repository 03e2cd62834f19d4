package org.polyplex.restream.ffmpeg;

import java.util.List;

/**
 * The overlays of a restream as its encoded destinations draw them: images first (in order), the
 * texts above them. Equal graphs mean an equal filter graph, so no ffmpeg has to restart.
 */
public record OverlayGraph(List<ImageDraw> images, List<OverlayDraw> texts) {

    public static final OverlayGraph NONE = new OverlayGraph(List.of(), List.of());

    public OverlayGraph {
        images = List.copyOf(images);
        texts = List.copyOf(texts);
    }

    public boolean empty() {
        return images.isEmpty() && texts.isEmpty();
    }

    /**
     * The same overlays on a picture {@code factor} times the size (a profile stepped down by
     * degraded mode): positions, font sizes and image scales times the factor, so they cover the
     * same part of the picture.
     */
    public OverlayGraph scaled(double factor) {
        if (factor == 1 || empty()) {
            return this;
        }
        return new OverlayGraph(images.stream().map(i -> new ImageDraw(i.id(), i.png(), times(i.x(), factor),
                times(i.y(), factor), Math.min(10, Math.max(0.001, i.scale() * factor)), i.opacity(), i.fades())).toList(),
                texts.stream().map(t -> new OverlayDraw(t.id(), t.textFile(), times(t.x(), factor), times(t.y(), factor),
                        Math.max(1, times(t.fontSize(), factor)), t.color(), t.boxColor(), t.opacity(), t.fadeInSeconds(),
                        t.fadeOutSeconds(), t.durationSeconds())).toList());
    }

    private static int times(int v, double factor) {
        return (int) Math.round(v * factor);
    }
}
