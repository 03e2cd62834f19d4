package org.polyplex.proxy.viewer;

import java.time.Instant;

/**
 * One viewer as {@code GET /api/sessions} shows it; {@code protocol} is {@code ts} (a connection)
 * or {@code hls} (a token active within the activity window); {@code lagBytes} is how far behind
 * live a TS viewer's cursor is. {@code slot} is the connection slot it counts in against the line's
 * {@code maxConnections}: the viewers of one line on one channel from one address share one slot,
 * named by the id of the viewer that opened it.
 */
public record ViewerInfo(long id, long sessionId, long userId, String username, String address, long channelId,
        long slot, String protocol, long bytesOut, long lagBytes, Instant since) {
}
