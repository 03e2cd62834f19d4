package org.polyplex.ingest.stats;

import java.time.Instant;

/**
 * One sample of a stream with an open generation: viewers of its linked channel (TS and HLS as the
 * proxy counts them), ingress and egress bitrates, the source playlist's age ({@code null} when
 * there is none yet), when its last segment was written, and the health verdict at sampling time.
 */
public record StreamSample(long streamId, long generationId, String state, Instant sampledAt, int viewers,
        int tsViewers, int hlsViewers, long ingressKbps, long egressKbps, Long playlistAgeMs, Instant lastSegmentAt,
        String health) {

    /** This sample with another verdict (the verdict at reading time). */
    public StreamSample withHealth(Health verdict) {
        return new StreamSample(streamId, generationId, state, sampledAt, viewers, tsViewers, hlsViewers, ingressKbps,
                egressKbps, playlistAgeMs, lastSegmentAt, verdict.wire());
    }
}
