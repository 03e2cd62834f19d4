package org.polyplex.ingest.stats;

import java.util.List;

/**
 * What {@code GET /api/streams/{id}/stats} answers: the newest sample with the verdict as of now
 * ({@code null} when the stream has no open generation sampled), and the samples kept, oldest first.
 */
public record StatsView(StreamSample current, List<StreamSample> history) {

    public static StatsView of(StreamStats stats, long streamId) {
        return new StatsView(stats.current(streamId).orElse(null), stats.history(streamId));
    }
}
