package org.polyplex.ingest.activity;

import java.time.Instant;

/**
 * A stream's publisher as this node sees it: connected or not since {@code since}, its address
 * and generation, and the ingress bitrate over the sliding window.
 */
public record PublisherActivity(long generationId, boolean connected, Instant since, String remoteAddress,
        long ingressKbps) {
}
