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
}
