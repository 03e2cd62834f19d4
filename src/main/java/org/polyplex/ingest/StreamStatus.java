package org.polyplex.ingest;

import java.time.Instant;

/**
 * What {@code GET /api/streams/{id}/status} answers: the state of the newest generation
 * ({@code idle} when there is none), viewers of the linked channel on this node, the ingress
 * bitrate and the publisher; from the stats ({@link org.polyplex.ingest.stats.StreamStats}) of an open
 * generation its {@code health}, {@code playlistAgeMs} and {@code egressKbps}, null when not sampled.
 */
public record StreamStatus(long streamId, String state, Long generationId, Long channelId, int viewers,
        long ingressKbps, Publisher publisher, Instant startedAt, Instant liveAt, Instant endedAt, String reason,
        String health, Long playlistAgeMs, Long egressKbps) {

    /** This status with the viewer count. */
    public StreamStatus withViewers(int count) {
        return new StreamStatus(streamId, state, generationId, channelId, count, ingressKbps, publisher, startedAt,
                liveAt, endedAt, reason, health, playlistAgeMs, egressKbps);
    }

    /**
     * The publisher as this node saw it last: connected or not since {@code since}, from
     * {@code remoteAddress}; {@code since} null when no publisher has been seen.
     */
    public record Publisher(boolean connected, Instant since, String remoteAddress) {
    }
}
