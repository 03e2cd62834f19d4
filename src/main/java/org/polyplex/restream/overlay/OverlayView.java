package org.polyplex.restream.overlay;

import java.util.List;

/**
 * An overlay as the API answers it: its settings, the text it renders to now, and for each
 * destination of the restream whether it is drawn there ({@code applied:false} on {@code copy}
 * destinations: without a re-encode nothing can be drawn).
 */
public record OverlayView(long id, String type, String text, String rendered, Long assetId, int x, int y,
        double opacity, double scale, int fontSize, String color, String boxColor, double fadeInSeconds, double fadeOutSeconds,
        double durationSeconds, List<Applied> destinations) {

    /** Whether a destination draws the overlay, and why not. */
    public record Applied(long destinationId, String profile, boolean applied, String reason) {
    }
}
